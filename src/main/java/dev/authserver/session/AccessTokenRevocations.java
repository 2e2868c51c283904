package dev.authserver.session;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.authserver.token.AccessTokenClaims;
import dev.authserver.token.JwtProperties;

/**
 * This instance's view of revoked access tokens (SPEC section 6): users whose tokens
 * issued before a moment are refused, and sessions that ended. The bearer filter asks it
 * on every request from memory; the database is read only by {@link #poll()}, in the
 * background, which brings in what other instances revoked. Entries are dropped once
 * every token they could refuse has expired anyway, so memory stays bounded by the
 * revocations of one access-token lifetime.
 */
@Component
public class AccessTokenRevocations {

	private static final Logger logger = LoggerFactory.getLogger(AccessTokenRevocations.class);

	private final JdbcTemplate jdbc;

	private final Clock clock;

	/** How long a revocation matters: a token issued before it has expired after this. */
	private final Duration window;

	/** User id to the epoch second before which its tokens are refused. */
	private final Map<UUID, Long> usersNotBefore = new ConcurrentHashMap<>();

	/** Ended session id to the epoch second after which the entry can go. */
	private final Map<UUID, Long> endedSessions = new ConcurrentHashMap<>();

	AccessTokenRevocations(JdbcTemplate jdbc, JwtProperties jwt, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		// a margin for clocks of other instances that run a little behind
		this.window = jwt.accessTokenTtl().plus(jwt.clockSkew()).plusSeconds(60);
	}

	/** Whether this verified token was revoked: no database read. */
	public boolean isRevoked(AccessTokenClaims claims) {
		Long notBefore = this.usersNotBefore.get(claims.userId());
		if (notBefore != null && claims.issuedAt().getEpochSecond() < notBefore) {
			return true;
		}
		return this.endedSessions.containsKey(claims.sessionId());
	}

	void userRevoked(UUID userId, Instant notBefore) {
		this.usersNotBefore.merge(userId, notBefore.getEpochSecond(), Math::max);
	}

	void sessionEnded(UUID sessionId, Instant endedAt) {
		this.endedSessions.put(sessionId, endedAt.plus(this.window).getEpochSecond());
	}

	/** Reads the revocations of the last access-token lifetime, from every instance. */
	void poll() {
		Instant now = this.clock.instant();
		Timestamp since = Timestamp.from(now.minus(this.window));
		try {
			this.jdbc.query("select user_id, not_before from access_token_revocations where not_before > ?",
					(row) -> {
						userRevoked(row.getObject(1, UUID.class), row.getTimestamp(2).toInstant());
					}, since);
			this.jdbc.query("select id, ended_at from sessions where ended_at > ?",
					(row) -> {
						sessionEnded(row.getObject(1, UUID.class), row.getTimestamp(2).toInstant());
					}, since);
		}
		catch (RuntimeException ex) {
			// keep what we know; the next poll tries again
			logger.warn("Could not read revocations: {}", ex.getMessage());
		}
		long oldest = now.minus(this.window).getEpochSecond();
		this.usersNotBefore.values().removeIf((notBefore) -> notBefore < oldest);
		long nowSeconds = now.getEpochSecond();
		this.endedSessions.values().removeIf((expiry) -> expiry < nowSeconds);
	}

	int size() {
		return this.usersNotBefore.size() + this.endedSessions.size();
	}

}
