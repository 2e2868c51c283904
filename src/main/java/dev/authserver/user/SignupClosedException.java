package dev.authserver.user;

/** Signup was asked for while {@code auth.signup.enabled} is false. */
public class SignupClosedException extends RuntimeException {

	public SignupClosedException() {
		super("Signup is not open on this server", null, false, false);
	}

}
