package dev.authserver.session;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The rows of sessions, refresh tokens and the revocation log, in plain SQL through
 * {@link JdbcClient}, the one way these tables are reached: every refresh runs a few of these
 * statements, and mapping no entities makes a refresh take far less CPU than through JPA
 * (docs/performance.md). Every method runs in the caller's transaction, which holds the lock of
 * the account whose sessions it reads or changes ({@link SessionService}): no method here locks a
 * row it does not write.
 */
@Component
class SessionStore {

	private static final String SESSION_COLUMNS = "id, user_id, created_at, last_used_at, expires_at, user_agent, "
			+ "client_ip";

	private final JdbcClient jdbc;

	SessionStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Inserts a new session; an id already stored is refused, never overwritten. */
	void insert(Session session) {
		this.jdbc.sql("insert into sessions (" + SESSION_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?)")
			.params(session.id(), session.userId(), at(session.createdAt()), at(session.lastUsedAt()),
					at(session.expiresAt()), session.userAgent(), session.clientIp())
			.update();
	}

	/** Inserts a session's newest refresh token, {@code ACTIVE}; an id already stored is refused. */
	void insertToken(String jti, UUID sessionId, Instant issuedAt, Instant expiresAt) {
		this.jdbc.sql("insert into refresh_tokens (jti, session_id, state, issued_at, expires_at) values (?, ?, ?, ?, ?)")
			.params(jti, sessionId, RefreshTokenState.ACTIVE.name(), at(issuedAt), at(expiresAt))
			.update();
	}

	/** The user's live sessions, least recently used first. */
	List<UUID> liveIds(UUID userId, Instant now) {
		return this.jdbc.sql("select id from sessions where user_id = ? and ended_at is null and expires_at > ? "
				+ "order by last_used_at, id")
			.params(userId, at(now))
			.query(UUID.class)
			.list();
	}

	/** Every session of the user not ended yet, in id order. */
	List<UUID> unendedIds(UUID userId) {
		return this.jdbc.sql("select id from sessions where user_id = ? and ended_at is null order by id")
			.param(userId)
			.query(UUID.class)
			.list();
	}

	/** The session's user and whether it ended, if it exists. */
	Optional<SessionState> state(UUID sessionId) {
		return this.jdbc.sql("select user_id, ended_at from sessions where id = ?")
			.param(sessionId)
			.query((row, index) -> new SessionState(row.getObject(1, UUID.class), row.getTimestamp(2) != null))
			.optional();
	}

	/**
	 * Records a use of a live session of the user: its last use and its expiry, now its newest
	 * token's. Whether there is such a session.
	 */
	boolean use(UUID sessionId, UUID userId, Instant now, Instant expiresAt) {
		return this.jdbc.sql("update sessions set last_used_at = ?, expires_at = ? where id = ? and user_id = ? "
				+ "and ended_at is null")
			.params(at(now), at(expiresAt), sessionId, userId)
			.update() == 1;
	}

	/** Whether the user has this session, ended or not. */
	boolean exists(UUID sessionId, UUID userId) {
		return this.jdbc.sql("select count(*) from sessions where id = ? and user_id = ?")
			.params(sessionId, userId)
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * Spends an active token of the session, naming its successor. The row count decides who won a
	 * race: the database, not a JVM lock, so it holds across instances.
	 */
	boolean spend(String jti, UUID sessionId, Instant now, String nextJti) {
		return this.jdbc.sql("update refresh_tokens set state = ?, spent_at = ?, next_jti = ? where jti = ? "
				+ "and session_id = ? and state = ?")
			.params(RefreshTokenState.SPENT.name(), at(now), nextJti, jti, sessionId, RefreshTokenState.ACTIVE.name())
			.update() == 1;
	}

	Optional<StoredToken> token(String jti) {
		return this.jdbc.sql("select jti, session_id, state, issued_at, expires_at, spent_at, next_jti "
				+ "from refresh_tokens where jti = ?")
			.param(jti)
			.query(SessionStore::storedToken)
			.optional();
	}

	/** Ends a session: its tokens are revoked. */
	void end(UUID sessionId, Instant now) {
		this.jdbc.sql("update sessions set ended_at = ? where id = ? and ended_at is null")
			.params(at(now), sessionId)
			.update();
		this.jdbc.sql("update refresh_tokens set state = ? where session_id = ? and state = ?")
			.params(RefreshTokenState.REVOKED.name(), sessionId, RefreshTokenState.ACTIVE.name())
			.update();
	}

	/**
	 * Writes a revocation to the log that every instance reads: one session's tokens, or with no
	 * session every token of the user issued at or before {@code revokedAt}. A session's end is
	 * {@code covered} when a revocation of all the user's tokens is written with it: the event
	 * feed then carries only that one.
	 */
	void logRevocation(UUID userId, UUID sessionId, Instant revokedAt, boolean covered) {
		this.jdbc.sql("insert into revocations (user_id, session_id, revoked_at, covered) values (?, ?, ?, ?)")
			.params(userId, sessionId, at(revokedAt), covered)
			.update();
	}

	/** The user's latest revocation of all their access tokens, or {@code null}. */
	Instant lastUserRevocation(UUID userId) {
		return this.jdbc.sql("select max(revoked_at) from revocations where user_id = ? and session_id is null")
			.param(userId)
			.query(Timestamp.class)
			.list()
			.stream()
			.filter((revokedAt) -> revokedAt != null)
			.map(Timestamp::toInstant)
			.findFirst()
			.orElse(null);
	}

	/** A page of the user's live sessions, most recently used first. */
	Page<Session> live(UUID userId, Instant now, Pageable page) {
		long total = this.jdbc.sql("select count(*) from sessions where user_id = ? and ended_at is null "
				+ "and expires_at > ?")
			.params(userId, at(now))
			.query(Long.class)
			.single();
		List<Session> sessions = this.jdbc.sql("select " + SESSION_COLUMNS + " from sessions where user_id = ? "
				+ "and ended_at is null and expires_at > ? order by last_used_at desc, id offset ? rows fetch next ? rows only")
			.params(userId, at(now), page.getOffset(), page.getPageSize())
			.query(SessionStore::session)
			.list();
		return new PageImpl<>(sessions, page, total);
	}

	private static Session session(ResultSet row, int index) throws SQLException {
		return new Session(row.getObject(1, UUID.class), row.getObject(2, UUID.class), instant(row, 3),
				instant(row, 4), instant(row, 5), row.getString(6), row.getString(7));
	}

	private static StoredToken storedToken(ResultSet row, int index) throws SQLException {
		return new StoredToken(row.getString(1), row.getObject(2, UUID.class),
				RefreshTokenState.valueOf(row.getString(3)), instant(row, 4), instant(row, 5), instant(row, 6),
				row.getString(7));
	}

	private static Instant instant(ResultSet row, int column) throws SQLException {
		Timestamp timestamp = row.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private static Timestamp at(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	/**
	 * A session row as a change to it needs it.
	 *
	 * @param userId its user
	 * @param ended whether it has ended
	 */
	record SessionState(UUID userId, boolean ended) {
	}

	/**
	 * What the server keeps of one refresh token: never the token itself.
	 *
	 * @param jti its id
	 * @param sessionId its session
	 * @param state where it stands
	 * @param issuedAt {@code iat}
	 * @param expiresAt {@code exp}
	 * @param spentAt when it was rotated, or {@code null}
	 * @param nextJti the token it was rotated into, or {@code null}
	 */
	record StoredToken(String jti, UUID sessionId, RefreshTokenState state, Instant issuedAt, Instant expiresAt,
			Instant spentAt, String nextJti) {
	}

}
