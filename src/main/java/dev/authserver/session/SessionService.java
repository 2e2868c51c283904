package dev.authserver.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.authserver.audit.SecurityEvents;
import dev.authserver.audit.SecurityEvents.Event;
import dev.authserver.session.RefreshTokenRejectedException.Reason;
import dev.authserver.session.SessionStore.StoredToken;
import dev.authserver.token.AccessTokens;
import dev.authserver.token.IssuedToken;
import dev.authserver.token.JwtProperties;
import dev.authserver.token.RefreshTokenClaims;
import dev.authserver.token.RefreshTokens;
import dev.authserver.token.TokenSubject;
import dev.authserver.verification.TokenIds;

/**
 * Sessions and their tokens (docs/sessions.md): start one at login, rotate its refresh token,
 * detect reuse, end it, and revoke a user's access tokens. Every decision is made by the
 * database, so that several instances on one database behave as one.
 * <p>
 * One lock guards a user's sessions and their tokens: the account's row ({@link AccountLocks}),
 * which every method that changes them takes first. A change to one user's sessions therefore
 * waits for another to end and never deadlocks with it, and the sessions are read without row
 * locks: a row lock is a write (on H2 the row is written to the file again), which a login
 * would pay for every live session of the user. The purge alone changes sessions without it,
 * and deletes only those ended or expired longer ago than the revocation window.
 */
@Service
public class SessionService {

	/**
	 * A revoking transaction ends within this or rolls back; its row of the revocation log is
	 * awaited by the other instances as long as it could still matter.
	 */
	static final int REVOCATION_TIMEOUT_SECONDS = 10;

	/** The longest a new access token waits for the second after a revocation of its user. */
	static final Duration MAX_ISSUE_WAIT = Duration.ofSeconds(1);

	private final SessionStore store;

	private final AccountLocks accounts;

	private final AccessTokens accessTokens;

	private final RefreshTokens refreshTokens;

	private final AccessTokenRevocations revocations;

	private final JwtProperties jwt;

	private final SessionProperties properties;

	private final SecurityEvents events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Sleeper sleeper;

	SessionService(SessionStore store, AccountLocks accounts, AccessTokens accessTokens, RefreshTokens refreshTokens,
			AccessTokenRevocations revocations, JwtProperties jwt, SessionProperties properties, SecurityEvents events,
			PlatformTransactionManager transactionManager, Clock clock, Sleeper sleeper) {
		this.store = store;
		this.accounts = accounts;
		this.accessTokens = accessTokens;
		this.refreshTokens = refreshTokens;
		this.revocations = revocations;
		this.jwt = jwt;
		this.properties = properties;
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setTimeout(REVOCATION_TIMEOUT_SECONDS);
		this.clock = clock;
		this.sleeper = sleeper;
	}

	/**
	 * Starts a session for an account whose password was just checked (or set, at signup) and
	 * issues its first tokens. Beyond {@code auth.sessions.max-per-user} live sessions, the least
	 * recently used end first; logins of one user count one after another under the account's
	 * row lock.
	 *
	 * @param checkedPasswordHash the hash the password matched: a password changed meanwhile refuses the login
	 */
	public IssuedTokens start(UUID userId, String checkedPasswordHash, Client client) {
		return start(userId, checkedPasswordHash, client, () -> {
		});
	}

	/**
	 * As {@link #start(UUID, String, Client)}, with more work in the same transaction: it commits
	 * or rolls back with the session (a login's settled try), one commit instead of two.
	 */
	public IssuedTokens start(UUID userId, String checkedPasswordHash, Client client, Runnable alsoInTransaction) {
		Issue issue = this.transactions.execute((status) -> {
			TokenSubject subject = this.accounts.lockForTokens(userId, checkedPasswordHash);
			Instant now = now();
			List<UUID> live = this.store.liveIds(userId, now);
			for (UUID oldest : live.subList(0, Math.max(0, live.size() - this.properties.maxPerUser() + 1))) {
				endLocked(oldest, userId, now);
				this.events.success(Event.SESSION_LIMIT, userId, client.ip());
			}
			Instant expiresAt = now.plus(this.jwt.refreshTokenTtl());
			Session session = new Session(UUID.randomUUID(), userId, now, now, expiresAt, truncate(client.userAgent(), 512),
					client.ip());
			this.store.insert(session);
			String jti = TokenIds.next();
			this.store.insertToken(jti, session.id(), now, expiresAt);
			alsoInTransaction.run();
			return new Issue(subject, session.id(), signRefresh(jti, session.id(), userId, now, expiresAt),
					accessTokensNotBefore(userId), null);
		});
		return issue(issue);
	}

	/**
	 * Refresh, whole: verifies the refresh token, locks the account, spends the token, and issues
	 * the next pair; the access token carries the roles stored now. Within the reuse grace, a
	 * token spent moments ago yields the same next token again, so that concurrent refreshes
	 * never fork the session; after it, a spent token is reuse and ends the session, and the end
	 * commits although the refresh is refused.
	 */
	public IssuedTokens refresh(String refreshToken, Client client) {
		RefreshTokenClaims claims = this.refreshTokens.verify(refreshToken);
		Issue issue;
		try {
			issue = this.transactions.execute((status) -> {
				TokenSubject subject = this.accounts.lockForTokens(claims.userId(), null);
				try {
					return rotate(subject, claims);
				}
				catch (RefreshTokenRejectedException ex) {
					// returned, not thrown: a reuse must commit the end of its session
					return new Issue(subject, claims.sessionId(), null, null, ex);
				}
			});
		}
		catch (RuntimeException ex) {
			this.events.failure(Event.REFRESH, claims.userId(), client.ip());
			throw ex;
		}
		if (issue.rejection() != null) {
			this.events.failure((issue.rejection().getReason() == Reason.REUSED) ? Event.REFRESH_REUSE : Event.REFRESH,
					claims.userId(), client.ip());
			throw issue.rejection();
		}
		IssuedTokens tokens = issue(issue);
		this.events.success(Event.REFRESH, claims.userId(), client.ip());
		return tokens;
	}

	/**
	 * The usual case in four statements: the session's use (which checks it is live), the spend, the insert of the next token and the read of the user's revocations.
	 */
	private Issue rotate(TokenSubject subject, RefreshTokenClaims claims) {
		Instant now = now();
		Instant expiresAt = now.plus(this.jwt.refreshTokenTtl());
		UUID sessionId = claims.sessionId();
		if (!this.store.use(sessionId, claims.userId(), now, expiresAt)) {
			// ended (also within the grace: a spent token never outlives its session's end), or unknown
			throw new RefreshTokenRejectedException(
					this.store.exists(sessionId, claims.userId()) ? Reason.REVOKED : Reason.UNKNOWN);
		}
		String nextJti = TokenIds.next();
		if (!this.store.spend(claims.tokenId(), sessionId, now, nextJti)) {
			return replay(subject, claims, now);
		}
		this.store.insertToken(nextJti, sessionId, now, expiresAt);
		return new Issue(subject, sessionId, signRefresh(nextJti, sessionId, claims.userId(), now, expiresAt),
				accessTokensNotBefore(claims.userId()), null);
	}

	private Issue replay(TokenSubject subject, RefreshTokenClaims claims, Instant now) {
		StoredToken presented = this.store.token(claims.tokenId())
			.filter((token) -> token.sessionId().equals(claims.sessionId()))
			.orElseThrow(() -> new RefreshTokenRejectedException(Reason.UNKNOWN));
		if (presented.state() != RefreshTokenState.SPENT) {
			throw new RefreshTokenRejectedException(Reason.REVOKED);
		}
		Duration grace = this.jwt.refreshReuseGrace();
		boolean withinGrace = !grace.isZero() && presented.nextJti() != null
				&& now.isBefore(presented.spentAt().plus(grace));
		if (!withinGrace) {
			endLocked(presented.sessionId(), claims.userId(), now);
			throw new RefreshTokenRejectedException(Reason.REUSED);
		}
		StoredToken next = this.store.token(presented.nextJti())
			.filter((token) -> token.state() != RefreshTokenState.REVOKED)
			.orElseThrow(() -> new RefreshTokenRejectedException(Reason.REVOKED));
		// HMAC is deterministic: the same stored fields sign to the same next token
		return new Issue(subject, next.sessionId(),
				signRefresh(next.jti(), next.sessionId(), claims.userId(), next.issuedAt(), next.expiresAt()),
				accessTokensNotBefore(claims.userId()), null);
	}

	/**
	 * Logout: ends the session a refresh token names. An expired token still names it, as long as
	 * its signature holds. Idempotent.
	 */
	public UUID logout(String refreshToken) {
		RefreshTokenClaims claims = this.refreshTokens.verifyAllowingExpiry(refreshToken);
		end(claims.sessionId(), claims.userId());
		return claims.userId();
	}

	/**
	 * Ends one session of the user: its refresh tokens stop working, and its access tokens
	 * with them. Idempotent. Returns whether the user has such a session, ended or not.
	 */
	public boolean end(UUID sessionId, UUID userId) {
		return Boolean.TRUE.equals(this.transactions.execute((status) -> {
			this.accounts.lock(userId);
			return this.store.state(sessionId).filter((session) -> session.userId().equals(userId)).map((session) -> {
				if (!session.ended()) {
					endLocked(sessionId, userId, now());
				}
				return true;
			}).orElse(false);
		}));
	}

	/**
	 * Ends every session of the user but {@code keptSessionId} (which may be {@code null}), and
	 * refuses from now on every access token of the user issued at or before this moment: at once
	 * on this instance, within the poll interval on the others. Joins the caller's transaction.
	 */
	public void revokeUser(UUID userId, UUID keptSessionId) {
		this.transactions.executeWithoutResult((status) -> {
			Instant now = now();
			this.accounts.lock(userId);
			for (UUID sessionId : this.store.unendedIds(userId)) {
				if (!sessionId.equals(keptSessionId)) {
					endLocked(sessionId, userId, now, true);
				}
			}
			this.store.logRevocation(userId, null, now, false);
			afterCommit(() -> this.revocations.userRevoked(userId, now));
		});
	}

	/** A page of the user's sessions that are neither ended nor expired, most recently used first. */
	public Page<Session> live(UUID userId, int page, int size) {
		return this.store.live(userId, now(), PageRequest.of(page, size));
	}

	/** Ends a session whose account this transaction has locked, and logs it for every instance. */
	private void endLocked(UUID sessionId, UUID userId, Instant now) {
		endLocked(sessionId, userId, now, false);
	}

	/** As {@link #endLocked(UUID, UUID, Instant)}; {@code covered} by a revocation of all the user's tokens. */
	private void endLocked(UUID sessionId, UUID userId, Instant now, boolean covered) {
		this.store.end(sessionId, now);
		this.store.logRevocation(userId, sessionId, now, covered);
		afterCommit(() -> this.revocations.sessionEnded(sessionId));
	}

	/**
	 * The earliest {@code iat} a new access token of the user may carry, or {@code null}: the
	 * second after the user's latest revocation, which refuses tokens issued at or before it.
	 */
	private Instant accessTokensNotBefore(UUID userId) {
		Instant revokedAt = this.store.lastUserRevocation(userId);
		return (revokedAt != null) ? revokedAt.plusSeconds(1) : null;
	}

	/**
	 * Signs the access token once the transaction is over. Right after a revocation of the user,
	 * in the same second, it waits for the next one: a token's {@code iat} is whole seconds, and
	 * one that looked issued at or before the revocation would be refused. Only where this
	 * instance's clock runs behind the revoker's by more than the wait does the token carry the
	 * later time.
	 */
	private IssuedTokens issue(Issue issue) {
		Instant now = this.clock.instant();
		Instant notBefore = issue.accessTokensNotBefore();
		if (notBefore != null && now.isBefore(notBefore)
				&& Duration.between(now, notBefore).compareTo(MAX_ISSUE_WAIT) <= 0) {
			try {
				this.sleeper.sleep(Duration.between(now, notBefore));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			now = this.clock.instant();
		}
		Instant issuedAt = (notBefore != null && now.isBefore(notBefore)) ? notBefore : now;
		TokenSubject subject = issue.subject();
		IssuedToken access = this.accessTokens.issue(subject.id(), subject.username(), subject.roles(),
				issue.sessionId(), issuedAt);
		return new IssuedTokens(issue.sessionId(), access, issue.refreshToken());
	}

	private IssuedToken signRefresh(String jti, UUID sessionId, UUID userId, Instant issuedAt, Instant expiresAt) {
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

	private static String truncate(String value, int max) {
		return (value == null || value.length() <= max) ? value : value.substring(0, max);
	}

	/** JWT times are whole seconds; stored times match them, so a token can be signed again identically. */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
	}

	/**
	 * What a transaction decided: the tokens to hand out, or why not.
	 *
	 * @param subject the account as locked for the issue
	 * @param sessionId the session
	 * @param refreshToken its newest refresh token, signed
	 * @param accessTokensNotBefore the earliest {@code iat} for the access token, or {@code null}
	 * @param rejection why the refresh token was refused, if it was
	 */
	private record Issue(TokenSubject subject, UUID sessionId, IssuedToken refreshToken, Instant accessTokensNotBefore,
			RefreshTokenRejectedException rejection) {
	}

}
