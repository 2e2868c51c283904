package dev.authserver.token;

import java.time.Instant;

/**
 * A freshly signed token with its expiry.
 *
 * @param value the compact JWS
 * @param expiresAt when it stops being accepted
 */
public record IssuedToken(String value, Instant expiresAt) {

	@Override
	public String toString() {
		return "IssuedToken[value=<redacted>, expiresAt=" + this.expiresAt + "]";
	}

}
