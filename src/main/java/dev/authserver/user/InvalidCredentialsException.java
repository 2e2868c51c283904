package dev.authserver.user;

import java.util.UUID;

import dev.authserver.problem.ApiProblem;
import dev.authserver.problem.ProblemException;

/**
 * A login failed: 401 {@code invalid_credentials}. Thrown alike for an unknown user, a wrong
 * password and a disabled account, so that the answer tells an attacker nothing (OWASP
 * Authentication Cheat Sheet).
 */
public class InvalidCredentialsException extends ProblemException {

	private final transient UUID userId;

	public InvalidCredentialsException() {
		this(null);
	}

	InvalidCredentialsException(UUID userId) {
		super(ApiProblem.INVALID_CREDENTIALS, "The username or password is wrong");
		this.userId = userId;
	}

	/** The account the attempt was for, if one exists: for the security log only. */
	public UUID getUserId() {
		return this.userId;
	}

}
