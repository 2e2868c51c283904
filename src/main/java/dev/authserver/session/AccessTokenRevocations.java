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

	private static final Duration POLL_OVERLAP = Duration.ofMinutes(1);

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final Duration window;

	/** User id to the epoch second before which its tokens are refused. */
	private final Map<UUID, Long> usersNotBefore = new ConcurrentHashMap<>();

	/** Ended session id to the epoch second after which the entry can go. */
	private final Map<UUID, Long> endedSessions = new ConcurrentHashMap<>();

	/** When the last poll started; the next reads from a little before it. */
	private volatile Instant lastPoll;

	AccessTokenRevocations(JdbcTemplate jdbc, JwtProperties jwt, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.window = revocationWindow(jwt);
	}

	/**
	 * How long a revocation matters: a token issued before it has expired after this, with
	 * a margin for clocks of other instances that run a little behind.
	 */
	static Duration revocationWindow(JwtProperties jwt) {
		return jwt.accessTokenTtl().plus(jwt.clockSkew()).plusSeconds(60);
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

	/**
	 * Reads the revocations made since the last poll, by every instance: the whole window on
	 * the first poll, then from a margin before the last one, for transactions that commit
	 * late and for clocks of other instances that run behind.
	 */
	void poll() {
		Instant now = this.clock.instant();
		Instant from = now.minus(this.window);
		// a last poll in the future means the clock was set back: read the whole window again
		if (this.lastPoll != null && !this.lastPoll.isAfter(now) && this.lastPoll.minus(POLL_OVERLAP).isAfter(from)) {
			from = this.lastPoll.minus(POLL_OVERLAP);
		}
		Timestamp since = Timestamp.from(from);
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
			// keep what we know; the next poll reads again from the last good one
			logger.warn("Could not read revocations: {}", ex.getMessage());
			now = (this.lastPoll != null) ? this.lastPoll : from;
		}
		this.lastPoll = now;
		long oldest = this.clock.instant().minus(this.window).getEpochSecond();
		this.usersNotBefore.values().removeIf((notBefore) -> notBefore < oldest);
		long nowSeconds = this.clock.instant().getEpochSecond();
		this.endedSessions.values().removeIf((expiry) -> expiry < nowSeconds);
	}

	boolean remembersUser(UUID userId) {
		return this.usersNotBefore.containsKey(userId);
	}

	boolean remembersSession(UUID sessionId) {
		return this.endedSessions.containsKey(sessionId);
	}

}
