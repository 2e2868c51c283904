package dev.authserver.user;

/** Signup with a username that another account holds, without regard to case. */
public class UsernameTakenException extends RuntimeException {

	public UsernameTakenException() {
		super("The username is already taken", null, false, false);
	}

}
