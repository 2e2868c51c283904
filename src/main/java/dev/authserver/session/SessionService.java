package dev.authserver.session;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.authserver.audit.SecurityEvents;
import dev.authserver.audit.SecurityEvents.Event;
import dev.authserver.session.RefreshTokenRejectedException.Reason;
import dev.authserver.token.IssuedToken;
import dev.authserver.token.JwtProperties;
import dev.authserver.token.RefreshTokenClaims;
import dev.authserver.token.RefreshTokens;
import dev.authserver.token.TokenIds;

/**
 * Sessions and their refresh tokens (SPEC section 6): start at login, rotate on refresh,
 * detect reuse, end, and revoke a user's access tokens. Every decision is made by the
 * database, so several instances on one database behave as one. Every change to a session
 * first locks the session's row, then its tokens: one lock order, no deadlock.
 */
@Service
public class SessionService {

	/**
	 * A revoking transaction ends within this or rolls back; its row of the revocation log is
	 * awaited by the other instances as long as it could still matter.
	 */
	static final int REVOCATION_TIMEOUT_SECONDS = 10;

	private final SessionRepository sessions;

	private final StoredRefreshTokenRepository tokens;

	private final RefreshTokens refreshTokens;

	private final AccessTokenRevocations revocations;

	private final JdbcTemplate jdbc;

	private final JwtProperties properties;

	private final SessionProperties limits;

	private final SecurityEvents events;

	private final Clock clock;

	SessionService(SessionRepository sessions, StoredRefreshTokenRepository tokens, RefreshTokens refreshTokens,
			AccessTokenRevocations revocations, JdbcTemplate jdbc, JwtProperties properties, SessionProperties limits,
			SecurityEvents events, Clock clock) {
		this.sessions = sessions;
		this.limits = limits;
		this.events = events;
		this.tokens = tokens;
		this.refreshTokens = refreshTokens;
		this.revocations = revocations;
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Starts a session for the user and returns its first refresh token. Beyond
	 * {@code auth.sessions.max-per-user} live sessions, the least recently used end first. The
	 * caller holds the account's row lock, so that concurrent logins of one user count one
	 * after the other.
	 */
	@Transactional
	public SessionTokens start(UUID userId, String userAgent, String clientIp) {
		Instant now = now();
		List<UUID> live = this.jdbc.queryForList("select id from sessions where user_id = ? and ended_at is null "
				+ "and expires_at > ? order by last_used_at, id for update", UUID.class, userId, Timestamp.from(now));
		for (UUID oldest : live.subList(0, Math.max(0, live.size() - this.limits.maxPerUser() + 1))) {
			endLocked(oldest, userId, now);
			this.events.success(Event.SESSION_LIMIT, userId, clientIp);
		}
		Instant expiresAt = now.plus(this.properties.refreshTokenTtl());
		UserSession session = this.sessions.save(UserSession.start(userId, userAgent, clientIp, now, expiresAt));
		StoredRefreshToken first = this.tokens.save(StoredRefreshToken.issue(TokenIds.next(), session.getId(), now,
				expiresAt));
		return new SessionTokens(session.getId(), sign(first, userId), accessTokensNotBefore(userId));
	}

	/**
	 * Spends the presented refresh token and returns the next one of its session. Within the
	 * reuse grace, a token spent moments ago yields the same next token again, so that
	 * concurrent refreshes never fork the session; after it, a spent token is reuse and ends
	 * the session. The rejection commits: the session stays ended.
	 * <p>
	 * Every refresh runs this, so the usual case is plain SQL, four statements: the session's
	 * update (which takes its row lock and checks it is live), the spend, the insert of the
	 * next token and the read of the user's revocations. Rejections take the slower path.
	 */
	@Transactional(noRollbackFor = RefreshTokenRejectedException.class)
	public SessionTokens rotate(RefreshTokenClaims claims) {
		Instant now = now();
		Instant expiresAt = now.plus(this.properties.refreshTokenTtl());
		UUID sessionId = claims.sessionId();
		int live = this.jdbc.update("update sessions set last_used_at = ?, expires_at = ? "
				+ "where id = ? and user_id = ? and ended_at is null", Timestamp.from(now), Timestamp.from(expiresAt),
				sessionId, claims.userId());
		if (live == 0) {
			// ended (also within the grace: a spent token never outlives its session's end), or unknown
			boolean known = this.sessions.findById(sessionId)
				.filter((session) -> session.getUserId().equals(claims.userId()))
				.isPresent();
			throw new RefreshTokenRejectedException(known ? Reason.REVOKED : Reason.UNKNOWN);
		}
		// the row count decides who won a race: the database, not a JVM lock, so it holds across instances
		String nextJti = TokenIds.next();
		int spent = this.jdbc.update("update refresh_tokens set state = ?, spent_at = ?, next_jti = ? "
				+ "where jti = ? and session_id = ? and state = ?", RefreshTokenState.SPENT.name(), Timestamp.from(now),
				nextJti, claims.tokenId(), sessionId, RefreshTokenState.ACTIVE.name());
		if (spent == 0) {
			return replay(claims, now);
		}
		this.jdbc.update("insert into refresh_tokens (jti, session_id, state, issued_at, expires_at) "
				+ "values (?, ?, ?, ?, ?)", nextJti, sessionId, RefreshTokenState.ACTIVE.name(), Timestamp.from(now),
				Timestamp.from(expiresAt));
		return new SessionTokens(sessionId, sign(nextJti, sessionId, claims.userId(), now, expiresAt),
				accessTokensNotBefore(claims.userId()));
	}

	private SessionTokens replay(RefreshTokenClaims claims, Instant now) {
		StoredRefreshToken presented = this.tokens.findById(claims.tokenId())
			.filter((token) -> token.getSessionId().equals(claims.sessionId()))
			.orElseThrow(() -> new RefreshTokenRejectedException(Reason.UNKNOWN));
		if (presented.getState() != RefreshTokenState.SPENT) {
			throw new RefreshTokenRejectedException(Reason.REVOKED);
		}
		Duration grace = this.properties.refreshReuseGrace();
		boolean withinGrace = !grace.isZero() && presented.getNextJti() != null
				&& now.isBefore(presented.getSpentAt().plus(grace));
		if (withinGrace) {
			StoredRefreshToken next = this.tokens.findById(presented.getNextJti())
				.filter((token) -> token.getState() != RefreshTokenState.REVOKED)
				.orElseThrow(() -> new RefreshTokenRejectedException(Reason.REVOKED));
			return new SessionTokens(presented.getSessionId(), sign(next, claims.userId()),
					accessTokensNotBefore(claims.userId()));
		}
		endLocked(presented.getSessionId(), claims.userId(), now);
		throw new RefreshTokenRejectedException(Reason.REUSED);
	}

	/**
	 * Ends one session of the user: its refresh tokens stop working, and its access tokens
	 * with them. Idempotent. Returns whether the user has such a session, ended or not.
	 */
	@Transactional(timeout = REVOCATION_TIMEOUT_SECONDS)
	public boolean end(UUID sessionId, UUID userId) {
		return this.sessions.findForUpdate(sessionId)
			.filter((session) -> session.getUserId().equals(userId))
			.map((session) -> {
				if (!session.isEnded()) {
					endLocked(session.getId(), userId, now());
				}
				return true;
			})
			.orElse(false);
	}

	/**
	 * Ends every session of the user but {@code keptSessionId} (which may be {@code null}),
	 * and refuses from now on every access token of the user issued at or before this moment:
	 * at once on this instance, within the poll interval on the others. The moment is the later
	 * of this instance's clock and the database's, so a writer whose clock runs behind cannot
	 * spare tokens issued on the others just before it.
	 */
	@Transactional(timeout = REVOCATION_TIMEOUT_SECONDS)
	public void revokeUser(UUID userId, UUID keptSessionId) {
		Instant now = now();
		// the account's row first, as every issue of tokens does: no login slips between
		this.jdbc.queryForList("select id from users where id = ? for update", UUID.class, userId);
		List<UUID> live = this.jdbc.queryForList(
				"select id from sessions where user_id = ? and ended_at is null order by id for update", UUID.class,
				userId);
		for (UUID sessionId : live) {
			if (!sessionId.equals(keptSessionId)) {
				endLocked(sessionId, userId, now);
			}
		}
		OffsetDateTime database = this.jdbc.queryForObject("select current_timestamp", OffsetDateTime.class);
		Instant revokedAt = (database != null && database.toInstant().isAfter(now))
				? database.toInstant().truncatedTo(ChronoUnit.SECONDS) : now;
		this.jdbc.update("insert into revocations (user_id, session_id, revoked_at) values (?, null, ?)", userId,
				Timestamp.from(revokedAt));
		afterCommit(() -> this.revocations.userRevoked(userId, revokedAt));
	}

	/** A page of the user's sessions that are neither ended nor expired, most recently used first. */
	@Transactional(readOnly = true)
	public Page<UserSession> active(UUID userId, int page, int size) {
		return this.sessions.findActive(userId, now(),
				PageRequest.of(page, size, Sort.by(Sort.Order.desc("lastUsedAt"), Sort.Order.asc("id"))));
	}

	/**
	 * The earliest {@code iat} a new access token of the user may carry, or {@code null}: the
	 * second after the user's latest revocation, which refuses tokens issued at or before it.
	 */
	@Transactional(readOnly = true)
	public Instant accessTokensNotBefore(UUID userId) {
		Timestamp revokedAt = this.jdbc.queryForObject(
				"select max(revoked_at) from revocations where user_id = ? and session_id is null", Timestamp.class,
				userId);
		return (revokedAt != null) ? revokedAt.toInstant().plusSeconds(1) : null;
	}

	/** Ends a session whose row this transaction has locked, and logs it for every instance. */
	private void endLocked(UUID sessionId, UUID userId, Instant now) {
		this.sessions.end(sessionId, now);
		this.tokens.revokeSession(sessionId);
		this.jdbc.update("insert into revocations (user_id, session_id, revoked_at) values (?, ?, ?)", userId,
				sessionId, Timestamp.from(now));
		afterCommit(() -> this.revocations.sessionEnded(sessionId));
	}

	private IssuedToken sign(StoredRefreshToken token, UUID userId) {
		return sign(token.getJti(), token.getSessionId(), userId, token.getIssuedAt(), token.getExpiresAt());
	}

	private IssuedToken sign(String jti, UUID sessionId, UUID userId, Instant issuedAt, Instant expiresAt) {
		return new IssuedToken(this.refreshTokens.issue(jti, sessionId, userId, issuedAt, expiresAt), expiresAt);
	}

	private static void afterCommit(Runnable action) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			action.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				action.run();
			}
		});
	}

	/** JWT times are whole seconds; stored times match them, so a token can be signed again identically. */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
	}

}
