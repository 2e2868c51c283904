package dev.authserver.session;

import java.time.Instant;
import java.util.UUID;

/**
 * One live session as its owner sees it in {@code GET /api/me/sessions}.
 *
 * @param id the session id
 * @param createdAt when it started (signup or login)
 * @param lastUsedAt its last refresh
 * @param expiresAt when its newest refresh token expires
 * @param userAgent the {@code User-Agent} it started with
 * @param clientIp the client address it started from
 * @param current whether the caller's access token belongs to it
 */
record SessionView(UUID id, Instant createdAt, Instant lastUsedAt, Instant expiresAt, String userAgent,
		String clientIp, boolean current) {

	static SessionView of(UserSession session, UUID currentSessionId) {
		return new SessionView(session.getId(), session.getCreatedAt(), session.getLastUsedAt(),
				session.getExpiresAt(), session.getUserAgent(), session.getClientIp(),
				session.getId().equals(currentSessionId));
	}

}
