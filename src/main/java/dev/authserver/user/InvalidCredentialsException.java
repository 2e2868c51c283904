package dev.authserver.user;

import java.util.UUID;

/**
 * A login failed. Thrown alike for an unknown user, a wrong password and a disabled
 * account, so that the answer tells an attacker nothing (OWASP Authentication Cheat Sheet).
 */
public class InvalidCredentialsException extends RuntimeException {

	private final transient UUID userId;

	public InvalidCredentialsException() {
		this(null);
	}

	InvalidCredentialsException(UUID userId) {
		super("Invalid username or password", null, false, false);
		this.userId = userId;
	}

	/** The account the attempt was for, if one exists: for the security log only. */
	public UUID getUserId() {
		return this.userId;
	}

}
