package dev.authserver.verification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a verified access token says about its holder: enough to rebuild the user without
 * reading the database. It is the principal of every authenticated request.
 *
 * @param userId {@code sub}, the user's stable id
 * @param username {@code preferred_username}
 * @param roles {@code roles}
 * @param tokenId {@code jti}
 * @param sessionId the session the token was issued for, named by its {@code jti}
 * @param issuedAt {@code iat}
 * @param expiresAt {@code exp}
 */
public record AccessTokenClaims(UUID userId, String username, List<String> roles, String tokenId, UUID sessionId,
		Instant issuedAt, Instant expiresAt) {
}
