package dev.authserver.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.authserver.session.RefreshTokenRejectedException.Reason;
import dev.authserver.token.IssuedToken;
import dev.authserver.token.JwtProperties;
import dev.authserver.token.RefreshTokenClaims;
import dev.authserver.token.RefreshTokens;
import dev.authserver.token.TokenIds;

/**
 * Sessions and their refresh tokens (SPEC section 6): start at login, rotate on refresh,
 * detect reuse, end. Every decision is made by the database, so several instances on one
 * database behave as one.
 */
@Service
public class SessionService {

	private final SessionRepository sessions;

	private final StoredRefreshTokenRepository tokens;

	private final RefreshTokens refreshTokens;

	private final JwtProperties properties;

	private final Clock clock;

	SessionService(SessionRepository sessions, StoredRefreshTokenRepository tokens, RefreshTokens refreshTokens,
			JwtProperties properties, Clock clock) {
		this.sessions = sessions;
		this.tokens = tokens;
		this.refreshTokens = refreshTokens;
		this.properties = properties;
		this.clock = clock;
	}

	/** Starts a session for the user and returns its first refresh token. */
	@Transactional
	public IssuedToken start(UUID userId, String userAgent, String clientIp) {
		Instant now = now();
		Instant expiresAt = now.plus(this.properties.refreshTokenTtl());
		UserSession session = this.sessions.save(UserSession.start(userId, userAgent, clientIp, now, expiresAt));
		StoredRefreshToken first = this.tokens.save(StoredRefreshToken.issue(TokenIds.next(), session.getId(), now,
				expiresAt));
		return sign(first, userId);
	}

	/**
	 * Spends the presented refresh token and returns the next one of its session. Within the
	 * reuse grace, a token spent moments ago yields the same next token again, so that
	 * concurrent refreshes never fork the session; after it, a spent token is reuse and ends
	 * the session. The rejection commits: the session stays ended.
	 */
	@Transactional(noRollbackFor = RefreshTokenRejectedException.class)
	public IssuedToken rotate(RefreshTokenClaims claims) {
		Instant now = now();
		UserSession session = this.sessions.findForUpdate(claims.sessionId())
			.filter((candidate) -> candidate.getUserId().equals(claims.userId()))
			.orElseThrow(() -> new RefreshTokenRejectedException(Reason.UNKNOWN));
		if (session.isEnded()) {
			// also within the grace: a spent token never outlives its session's end
			throw new RefreshTokenRejectedException(Reason.REVOKED);
		}
		int spent = this.tokens.spend(claims.tokenId(), now);
		StoredRefreshToken presented = this.tokens.findById(claims.tokenId())
			.filter((token) -> token.getSessionId().equals(claims.sessionId()))
			.orElseThrow(() -> new RefreshTokenRejectedException(Reason.UNKNOWN));
		if (spent == 0) {
			return replay(presented, claims, now);
		}
		Instant expiresAt = now.plus(this.properties.refreshTokenTtl());
		StoredRefreshToken next = this.tokens.save(StoredRefreshToken.issue(TokenIds.next(), session.getId(), now,
				expiresAt));
		presented.setNextJti(next.getJti());
		session.used(now, expiresAt);
		return sign(next, claims.userId());
	}

	private IssuedToken replay(StoredRefreshToken presented, RefreshTokenClaims claims, Instant now) {
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
			return sign(next, claims.userId());
		}
		end(presented.getSessionId(), now);
		throw new RefreshTokenRejectedException(Reason.REUSED);
	}

	/** Ends a session of the user: its refresh tokens stop working at once. Idempotent. */
	@Transactional
	public void end(UUID sessionId, UUID userId) {
		this.sessions.findById(sessionId)
			.filter((session) -> session.getUserId().equals(userId))
			.ifPresent((session) -> end(session.getId(), now()));
	}

	private void end(UUID sessionId, Instant now) {
		this.sessions.end(sessionId, now);
		this.tokens.revokeSession(sessionId);
	}

	private IssuedToken sign(StoredRefreshToken token, UUID userId) {
		String value = this.refreshTokens.issue(token.getJti(), token.getSessionId(), userId, token.getIssuedAt(),
				token.getExpiresAt());
		return new IssuedToken(value, token.getExpiresAt());
	}

	/** JWT times are whole seconds; stored times match them, so a token can be signed again identically. */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
	}

}
