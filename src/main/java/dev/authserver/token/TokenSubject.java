package dev.authserver.token;

import java.util.List;
import java.util.UUID;

import dev.authserver.verification.AccessTokenClaims;

/**
 * An account as its access tokens describe it: what a token is issued for, and the body of
 * {@code GET /api/me}.
 *
 * @param id {@code sub}, the user's stable id
 * @param username {@code preferred_username}
 * @param roles {@code roles}, sorted, so that tokens are stable
 */
public record TokenSubject(UUID id, String username, List<String> roles) {

	/** The holder as a verified token describes it. */
	public static TokenSubject of(AccessTokenClaims claims) {
		return new TokenSubject(claims.userId(), claims.username(), claims.roles());
	}

}
