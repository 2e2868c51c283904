package dev.authserver.user;

/** An administrator named a username no account has. */
public class UserNotFoundException extends RuntimeException {

	public UserNotFoundException() {
		super("No such user", null, false, false);
	}

}
