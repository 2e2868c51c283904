package dev.authserver.session;

import java.time.Instant;
import java.util.UUID;

/**
 * A session: one chain of refresh tokens, started at signup or login (docs/sessions.md).
 *
 * @param id its id, which its access tokens name
 * @param userId the user
 * @param createdAt when it started
 * @param lastUsedAt its last login or refresh
 * @param expiresAt when its newest refresh token expires
 * @param userAgent the {@code User-Agent} it started with, at most 512 characters
 * @param clientIp the client address it started from
 */
public record Session(UUID id, UUID userId, Instant createdAt, Instant lastUsedAt, Instant expiresAt,
		String userAgent, String clientIp) {
}
