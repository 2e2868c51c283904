package dev.authserver.user;

/** The roles the server assigns. Clients never choose them. */
public final class Roles {

	public static final String USER = "USER";

	public static final String ADMIN = "ADMIN";

	private Roles() {
	}

}
