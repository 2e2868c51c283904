package dev.authserver.user;

/**
 * A login failed. Thrown alike for an unknown user, a wrong password and a disabled
 * account, so that the answer tells an attacker nothing (OWASP Authentication Cheat Sheet).
 */
public class InvalidCredentialsException extends RuntimeException {

	public InvalidCredentialsException() {
		super("Invalid username or password", null, false, false);
	}

}
