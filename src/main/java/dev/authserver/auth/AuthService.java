package dev.authserver.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.authserver.audit.SecurityEvents;
import dev.authserver.audit.SecurityEvents.Event;
import dev.authserver.session.RefreshTokenRejectedException;
import dev.authserver.session.RefreshTokenRejectedException.Reason;
import dev.authserver.session.SessionService;
import dev.authserver.session.SessionTokens;
import dev.authserver.token.AccessTokens;
import dev.authserver.token.IssuedToken;
import dev.authserver.token.RefreshTokenClaims;
import dev.authserver.throttle.ClientRateLimiter;
import dev.authserver.throttle.LoginLockout;
import dev.authserver.throttle.TooManyAttemptsException;
import dev.authserver.token.RefreshTokens;
import dev.authserver.user.AccountDisabledException;
import dev.authserver.user.InvalidCredentialsException;
import dev.authserver.user.PasswordHashing;
import dev.authserver.user.TokenSubject;
import dev.authserver.user.UserAccount;
import dev.authserver.user.UserService;

/** Signup, login, refresh and logout: the user store, sessions and tokens put together. */
@Service
class AuthService {

	private final UserService users;

	private final SessionService sessions;

	private final AccessTokens accessTokens;

	private final RefreshTokens refreshTokens;

	private final LoginLockout lockout;

	private final ClientRateLimiter limiter;

	private final PasswordHashing hashing;

	private final SecurityEvents events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	AuthService(UserService users, SessionService sessions, AccessTokens accessTokens, RefreshTokens refreshTokens,
			LoginLockout lockout, ClientRateLimiter limiter, PasswordHashing hashing, SecurityEvents events,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.limiter = limiter;
		this.hashing = hashing;
		this.transactions = new TransactionTemplate(transactionManager);
		this.users = users;
		this.sessions = sessions;
		this.accessTokens = accessTokens;
		this.refreshTokens = refreshTokens;
		this.lockout = lockout;
		this.events = events;
		this.clock = clock;
	}

	TokenResponse signup(SignupRequest request, Client client) {
		UserAccount user = this.users.signup(request.username(), request.password(), emptyToNull(request.email()));
		this.events.success(Event.SIGNUP, user.getId(), client.ip());
		return startSession(user, client);
	}

	/**
	 * Checks the credentials within the username's lockout budget (docs/security.md): the try
	 * is reserved first, so a locked username gets 429 before any password is hashed, alike for
	 * every username.
	 */
	TokenResponse login(LoginRequest request, Client client) {
		try {
			this.limiter.acquireForUsername(request.username());
		}
		catch (TooManyAttemptsException ex) {
			this.events.failure(Event.RATE_LIMIT, null, client.ip());
			throw ex;
		}
		// the hash's place first: when hashing is full, nothing else is done for this login
		try (PasswordHashing.Permit hashing = this.hashing.admit()) {
			return login(request, client, hashing);
		}
	}

	private TokenResponse login(LoginRequest request, Client client, PasswordHashing.Permit hashing) {
		LoginLockout.Attempt attempt;
		try {
			attempt = this.lockout.reserve(request.username());
		}
		catch (TooManyAttemptsException ex) {
			this.events.failure(Event.LOCKOUT, null, client.ip());
			throw ex;
		}
		boolean settled = false;
		try {
			UserAccount user = this.users.authenticate(request.username(), request.password(), hashing);
			TokenResponse response = startSession(user, client);
			attempt.succeeded();
			settled = true;
			this.events.success(Event.LOGIN, user.getId(), client.ip());
			return response;
		}
		catch (InvalidCredentialsException ex) {
			boolean locked = attempt.failed();
			settled = true;
			this.events.failure(Event.LOGIN, ex.getUserId(), client.ip());
			if (locked) {
				this.events.success(Event.LOCKOUT, ex.getUserId(), client.ip());
			}
			throw ex;
		}
		finally {
			if (!settled) {
				attempt.cancelled();
			}
		}
	}

	/**
	 * Rotates the refresh token; the new access token carries the roles stored now. The
	 * account's row is locked first, so a refresh never overlaps a disable or a role change.
	 */
	TokenResponse refresh(String refreshToken, Client client) {
		RefreshTokenClaims claims = this.refreshTokens.verify(refreshToken);
		Rotation rotation;
		try {
			rotation = this.transactions.execute((status) -> {
				TokenSubject user = this.users.lockForTokens(claims.userId(), null);
				try {
					return new Rotation(user, this.sessions.rotate(claims), null);
				}
				catch (RefreshTokenRejectedException ex) {
					// returned, not thrown: a reuse must commit the end of its session
					return new Rotation(user, null, ex);
				}
			});
		}
		catch (AccountDisabledException ex) {
			this.events.failure(Event.REFRESH, claims.userId(), client.ip());
			throw ex;
		}
		if (rotation.rejection() != null) {
			Reason reason = rotation.rejection().getReason();
			this.events.failure((reason == Reason.REUSED) ? Event.REFRESH_REUSE : Event.REFRESH, claims.userId(),
					client.ip());
			throw rotation.rejection();
		}
		this.events.success(Event.REFRESH, claims.userId(), client.ip());
		return respond(rotation.user(), rotation.tokens());
	}

	void logout(String refreshToken, Client client) {
		RefreshTokenClaims claims = this.refreshTokens.verifyAllowingExpiry(refreshToken);
		this.sessions.end(claims.sessionId(), claims.userId());
		this.events.success(Event.LOGOUT, claims.userId(), client.ip());
	}

	/** Ends every session of the user and refuses the access tokens already out. */
	void logoutAll(UUID userId, Client client) {
		this.sessions.revokeUser(userId, null);
		this.events.success(Event.LOGOUT_ALL, userId, client.ip());
	}

	/** Starts a session for an account whose password was just checked (or just set, at signup). */
	TokenResponse startSession(UserAccount checked, Client client) {
		Rotation started = this.transactions.execute((status) -> {
			TokenSubject user = this.users.lockForTokens(checked.getId(), checked);
			return new Rotation(user, this.sessions.start(user.id(), client.userAgent(), client.ip()), null);
		});
		return respond(started.user(), started.tokens());
	}

	private TokenResponse respond(TokenSubject user, SessionTokens session) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		// after a revocation, new tokens must not look as if issued before it
		Instant issuedAt = (session.accessTokensNotBefore() != null && session.accessTokensNotBefore().isAfter(now))
				? session.accessTokensNotBefore() : now;
		IssuedToken access = this.accessTokens.issue(user.id(), user.username(), user.roles(), session.sessionId(),
				issuedAt);
		IssuedToken refresh = session.refreshToken();
		return new TokenResponse(access.value(), "Bearer", secondsUntil(now, access.expiresAt()), refresh.value(),
				secondsUntil(now, refresh.expiresAt()));
	}

	private static long secondsUntil(Instant now, Instant then) {
		return Math.max(0, Duration.between(now, then).toSeconds());
	}

	private static String emptyToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	/**
	 * An account and the tokens of its session, or why the session refused them.
	 *
	 * @param user the account as locked for the issue
	 * @param tokens the session's tokens
	 * @param rejection why the refresh token was refused, if it was
	 */
	private record Rotation(TokenSubject user, SessionTokens tokens, RefreshTokenRejectedException rejection) {
	}

	/**
	 * Who is asking, as recorded on a new session.
	 *
	 * @param ip the client address (the socket's, or the proxy's forwarded one when trusted)
	 * @param userAgent the {@code User-Agent} header
	 */
	record Client(String ip, String userAgent) {
	}

}
