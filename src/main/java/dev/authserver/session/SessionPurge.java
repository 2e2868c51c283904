package dev.authserver.session;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.authserver.token.JwtProperties;

/**
 * Deletes rows no longer needed, in batches so that no statement holds many locks
 * (docs/sessions.md). A refresh token's row is kept until the token itself has expired:
 * until then, presenting it must still be recognised as reuse. A live session is kept
 * until its last token expired. An ended one, whose tokens are all refused anyway, is kept
 * until its access tokens have expired, since other instances learn of the end from it.
 */
@Component
class SessionPurge {

	private static final Logger logger = LoggerFactory.getLogger(SessionPurge.class);

	private final JdbcTemplate jdbc;

	private final SessionProperties properties;

	private final Clock clock;

	private final Duration margin;

	SessionPurge(JdbcTemplate jdbc, SessionProperties properties, JwtProperties jwt, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
		this.margin = AccessTokenRevocations.revocationWindow(jwt);
	}

	/** Runs one purge; returns how many rows went. */
	int purge() {
		Instant now = this.clock.instant();
		Timestamp expired = Timestamp.from(now.minus(this.margin));
		int batch = this.properties.purgeBatchSize();
		int deleted = 0;
		try {
			deleted += deleteInBatches("delete from refresh_tokens where jti in (select jti from refresh_tokens "
					+ "where expires_at < ? fetch first " + batch + " rows only)", expired);
			// an ended session's tokens are refused whatever their state; they go first, in
			// batches, so that deleting the session cascades to nothing large
			deleted += deleteInBatches("delete from refresh_tokens where jti in (select t.jti from refresh_tokens t "
					+ "join sessions s on s.id = t.session_id where s.ended_at < ? fetch first " + batch
					+ " rows only)", expired);
			deleted += deleteInBatches("delete from sessions where id in (select s.id from sessions s where "
					+ "s.ended_at < ? or (s.expires_at < ? and not exists (select 1 from refresh_tokens t "
					+ "where t.session_id = s.id and t.expires_at >= ?)) fetch first " + batch + " rows only)",
					expired, expired, expired);
			deleted += deleteInBatches("delete from revocations where seq in (select seq from revocations "
					+ "where revoked_at < ? fetch first " + batch + " rows only)", expired);
		}
		catch (RuntimeException ex) {
			logger.warn("Purge stopped early: {}", ex.getMessage());
		}
		if (deleted > 0) {
			logger.info("Purged {} expired or ended session rows", deleted);
		}
		return deleted;
	}

	private int deleteInBatches(String sql, Object... arguments) {
		int total = 0;
		int deleted;
		do {
			deleted = this.jdbc.update(sql, arguments);
			total += deleted;
		}
		while (deleted > 0);
		return total;
	}

}
