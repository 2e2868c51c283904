package dev.authserver.session;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.authserver.token.JwtProperties;
import dev.authserver.verification.AccessTokenClaims;

/**
 * This instance's view of revoked access tokens (docs/sessions.md): users whose tokens
 * issued at or before a moment are refused, and sessions that ended. The bearer filter asks it
 * on every request, from memory; the database is read only by {@link #poll()}, in the
 * background, which brings in what other instances revoked.
 * <p>
 * The poll reads the revocation log by the number the database gave each row, never by time.
 * A number below the highest one read that has not appeared is a transaction still under way
 * (or one rolled back): it is asked for again on every poll until it appears, or until a
 * revocation it could hold would no longer matter, since every token it could refuse has
 * expired. So no revocation is missed, whatever the clocks of the writers or the order in
 * which their transactions commit. Memory stays bounded by the revocations of one
 * access-token lifetime.
 */
@Component
public class AccessTokenRevocations {

	private static final Logger logger = LoggerFactory.getLogger(AccessTokenRevocations.class);

	/** Numbers awaited at most; past this, the oldest are given up (and logged). */
	static final int MAX_GAPS = 10_000;

	private static final int GAPS_PER_QUERY = 500;

	private static final String COLUMNS = "select seq, user_id, session_id, revoked_at from revocations ";

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final Duration window;

	/** User id to the epoch second at or before which its tokens are refused. */
	private final Map<UUID, Long> usersRevokedAt = new ConcurrentHashMap<>();

	/** Ended session id to the epoch second after which the entry can go. */
	private final Map<UUID, Long> endedSessions = new ConcurrentHashMap<>();

	/** Told of every revocation this instance learns of, made here or read from the log. */
	private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

	/** The highest number read; -1 before the first poll. */
	private long highest = -1;

	/** Numbers below {@link #highest} not read yet, to when they stop mattering (epoch second). */
	private final Map<Long, Long> gaps = new LinkedHashMap<>();

	/**
	 * How long after the last successful read the log's view is still taken as current:
	 * {@code auth.sessions.max-revocation-staleness}, and at least three poll intervals.
	 */
	private final Duration maxStaleness;

	/**
	 * When the log was last read successfully, by {@link System#nanoTime()}: elapsed time, which
	 * a change of the wall clock does not move; the start counts as a read.
	 */
	private volatile long lastRead;

	/** Whether the last read failed: the database's going and coming back are logged once each. */
	private boolean unreachable;

	AccessTokenRevocations(JdbcTemplate jdbc, JwtProperties jwt, SessionProperties sessions, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.window = revocationWindow(jwt);
		Duration threePolls = sessions.revocationPollInterval().multipliedBy(3);
		this.maxStaleness = (sessions.maxRevocationStaleness().compareTo(threePolls) < 0) ? threePolls
				: sessions.maxRevocationStaleness();
		this.lastRead = System.nanoTime();
	}

	/**
	 * Whether the revocation log has not been read for longer than
	 * {@code auth.sessions.max-revocation-staleness}: this instance cannot know that a token is
	 * not revoked, and refuses to say it is live.
	 */
	public boolean isStale() {
		return System.nanoTime() - this.lastRead > this.maxStaleness.toNanos();
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
		Long revokedAt = this.usersRevokedAt.get(claims.userId());
		if (revokedAt != null && claims.issuedAt().getEpochSecond() <= revokedAt) {
			return true;
		}
		return this.endedSessions.containsKey(claims.sessionId());
	}

	/**
	 * Whether this verified token was revoked, asking the revocation log itself when memory
	 * does not know: what another instance wrote a moment ago shows at once. One query on the
	 * user's index; for introspection, never for the bearer filter.
	 */
	public boolean isRevokedInLog(AccessTokenClaims claims) {
		if (isRevoked(claims)) {
			return true;
		}
		// a user-wide row refuses tokens whose iat second is at or before its second
		Integer rows = this.jdbc.queryForObject("select count(*) from revocations where user_id = ? "
				+ "and (session_id = ? or (session_id is null and revoked_at >= ?))", Integer.class,
				claims.userId(), claims.sessionId(), Timestamp.from(claims.issuedAt()));
		return rows != null && rows > 0;
	}

	/**
	 * Calls the listener, on the thread that learnt of it, whenever a revocation is made on this
	 * instance (once its transaction has committed) or read from the log. It is a hint to look
	 * at the log, which holds the revocation by then; it carries nothing and must return quickly.
	 */
	public void addListener(Runnable listener) {
		this.listeners.add(listener);
	}

	/** Refuses the user's access tokens issued at or before this moment. */
	void userRevoked(UUID userId, Instant revokedAt) {
		refuseUser(userId, revokedAt);
		notifyListeners();
	}

	/** Refuses the session's access tokens. */
	void sessionEnded(UUID sessionId) {
		endSession(sessionId);
		notifyListeners();
	}

	private void refuseUser(UUID userId, Instant revokedAt) {
		this.usersRevokedAt.merge(userId, revokedAt.getEpochSecond(), Math::max);
	}

	private void endSession(UUID sessionId) {
		this.endedSessions.put(sessionId, this.clock.instant().plus(this.window).getEpochSecond());
	}

	private void notifyListeners() {
		for (Runnable listener : this.listeners) {
			try {
				listener.run();
			}
			catch (RuntimeException ex) {
				logger.warn("A revocation listener failed: {}", ex.toString());
			}
		}
	}

	/** Reads the revocations numbered above the highest read, and those awaited below it. */
	synchronized void poll() {
		try {
			List<Revocation> read = new ArrayList<>(this.jdbc.query(COLUMNS + "where seq > ? order by seq",
					(row, index) -> new Revocation(row.getLong(1), row.getObject(2, UUID.class),
							row.getObject(3, UUID.class), row.getTimestamp(4).toInstant()),
					this.highest));
			read.addAll(awaited());
			long stopsMattering = this.clock.instant().plus(this.window).getEpochSecond();
			boolean first = this.highest < 0;
			for (Revocation revocation : read) {
				apply(revocation);
				this.gaps.remove(revocation.seq());
				if (revocation.seq() > this.highest) {
					// on the first poll, numbers below the first one read are purged or never used
					long from = first ? revocation.seq() : this.highest + 1;
					for (long missing = from; missing < revocation.seq(); missing++) {
						this.gaps.put(missing, stopsMattering);
					}
					this.highest = revocation.seq();
					first = false;
				}
			}
			if (this.highest < 0) {
				this.highest = 0;
			}
			if (!read.isEmpty()) {
				notifyListeners();
			}
			this.lastRead = System.nanoTime();
			if (this.unreachable) {
				this.unreachable = false;
				logger.warn("The database is reachable again; revocations are read from it as before");
			}
		}
		catch (RuntimeException ex) {
			// keep what we know; the next poll reads again from the same number
			if (!this.unreachable) {
				this.unreachable = true;
				logger.warn("The database is unreachable ({}); bearer tokens are checked from memory for {}, "
						+ "then refused with 503 until it is back", ex.getMessage(), this.maxStaleness);
			}
		}
		forgetExpired();
	}

	private List<Revocation> awaited() {
		if (this.gaps.isEmpty()) {
			return List.of();
		}
		List<Long> numbers = new ArrayList<>(this.gaps.keySet());
		List<Revocation> found = new ArrayList<>();
		for (int from = 0; from < numbers.size(); from += GAPS_PER_QUERY) {
			List<Long> chunk = numbers.subList(from, Math.min(numbers.size(), from + GAPS_PER_QUERY));
			String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
			found.addAll(this.jdbc.query(COLUMNS + "where seq in (" + marks + ")",
					(row, index) -> new Revocation(row.getLong(1), row.getObject(2, UUID.class),
							row.getObject(3, UUID.class), row.getTimestamp(4).toInstant()),
					chunk.toArray()));
		}
		return found;
	}

	private void apply(Revocation revocation) {
		if (revocation.sessionId() != null) {
			endSession(revocation.sessionId());
		}
		else {
			refuseUser(revocation.userId(), revocation.revokedAt());
		}
	}

	private void forgetExpired() {
		long now = this.clock.instant().getEpochSecond();
		long oldest = now - this.window.toSeconds();
		this.usersRevokedAt.values().removeIf((revokedAt) -> revokedAt < oldest);
		this.endedSessions.values().removeIf((expiry) -> expiry < now);
		this.gaps.values().removeIf((expiry) -> expiry < now);
		if (this.gaps.size() > MAX_GAPS) {
			logger.warn("Awaiting {} revocation numbers; giving up the oldest {}", this.gaps.size(),
					this.gaps.size() - MAX_GAPS);
			Iterator<Long> oldestFirst = this.gaps.keySet().iterator();
			for (int excess = this.gaps.size() - MAX_GAPS; excess > 0; excess--) {
				oldestFirst.next();
				oldestFirst.remove();
			}
		}
	}

	boolean remembersUser(UUID userId) {
		return this.usersRevokedAt.containsKey(userId);
	}

	boolean remembersSession(UUID sessionId) {
		return this.endedSessions.containsKey(sessionId);
	}

	/**
	 * One row of the revocation log.
	 *
	 * @param seq its number
	 * @param userId the user
	 * @param sessionId the session that ended, or {@code null} for all the user's tokens
	 * @param revokedAt when
	 */
	private record Revocation(long seq, UUID userId, UUID sessionId, Instant revokedAt) {
	}

}
