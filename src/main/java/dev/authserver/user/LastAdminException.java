package dev.authserver.user;

/** A change that would leave the server without an enabled administrator: 409 {@code last_admin}. */
public class LastAdminException extends RuntimeException {

	public LastAdminException() {
		super("The server would have no enabled administrator", null, false, false);
	}

}
