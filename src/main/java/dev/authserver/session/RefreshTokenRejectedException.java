package dev.authserver.session;

import dev.authserver.verification.InvalidTokenException;

/**
 * A refresh token with a valid signature that its stored state refuses: spent (reuse),
 * revoked, or unknown. The client sees 401 {@code invalid_token} in every case; the reason is
 * for the security log.
 */
public class RefreshTokenRejectedException extends InvalidTokenException {

	private final Reason reason;

	RefreshTokenRejectedException(Reason reason) {
		super("The refresh token is invalid", false);
		this.reason = reason;
	}

	public Reason getReason() {
		return this.reason;
	}

	/** Why a refresh token was refused. */
	public enum Reason {

		/** Presented again after it was rotated: its session is ended. */
		REUSED,

		/** Its session was ended. */
		REVOKED,

		/** No such token is stored (its session is gone). */
		UNKNOWN

	}

}
