package dev.authserver.me;

import java.time.Instant;
import java.util.UUID;

import dev.authserver.session.Session;

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

	static SessionView of(Session session, UUID currentSessionId) {
		return new SessionView(session.id(), session.createdAt(), session.lastUsedAt(), session.expiresAt(),
				session.userAgent(), session.clientIp(), session.id().equals(currentSessionId));
	}

}
