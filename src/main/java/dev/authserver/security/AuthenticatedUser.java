package dev.authserver.security;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.authserver.token.AccessTokenClaims;

/**
 * The caller of a protected endpoint, rebuilt from the access token's claims alone.
 *
 * @param id {@code sub}
 * @param username {@code preferred_username}
 * @param roles {@code roles}
 * @param tokenId {@code jti}
 * @param sessionId the session the token belongs to
 * @param issuedAt {@code iat}
 */
public record AuthenticatedUser(UUID id, String username, List<String> roles, String tokenId, UUID sessionId,
		Instant issuedAt) {

	static AuthenticatedUser of(AccessTokenClaims claims) {
		return new AuthenticatedUser(claims.userId(), claims.username(), claims.roles(), claims.tokenId(),
				claims.sessionId(), claims.issuedAt());
	}

}
