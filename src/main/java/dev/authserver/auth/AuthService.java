package dev.authserver.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.authserver.audit.SecurityEvents;
import dev.authserver.audit.SecurityEvents.Event;
import dev.authserver.session.RefreshTokenRejectedException;
import dev.authserver.session.RefreshTokenRejectedException.Reason;
import dev.authserver.session.SessionService;
import dev.authserver.session.SessionTokens;
import dev.authserver.token.AccessTokens;
import dev.authserver.token.IssuedToken;
import dev.authserver.token.RefreshTokenClaims;
import dev.authserver.throttle.LoginLockout;
import dev.authserver.throttle.TooManyAttemptsException;
import dev.authserver.token.RefreshTokens;
import dev.authserver.user.AccountDisabledException;
import dev.authserver.user.InvalidCredentialsException;
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

	private final SecurityEvents events;

	private final Clock clock;

	AuthService(UserService users, SessionService sessions, AccessTokens accessTokens, RefreshTokens refreshTokens,
			LoginLockout lockout, SecurityEvents events, Clock clock) {
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
	 * Checks the credentials, unless the username is locked (SPEC section 7): then nothing
	 * is checked and the answer is 429, alike for every username.
	 */
	TokenResponse login(LoginRequest request, Client client) {
		try {
			this.lockout.checkNotLocked(request.username());
		}
		catch (TooManyAttemptsException ex) {
			this.events.failure(Event.LOCKOUT, null, client.ip());
			throw ex;
		}
		UserAccount user;
		try {
			user = this.users.authenticate(request.username(), request.password());
		}
		catch (InvalidCredentialsException ex) {
			boolean locked = this.lockout.recordFailure(request.username());
			this.events.failure(Event.LOGIN, ex.getUserId(), client.ip());
			if (locked) {
				this.events.success(Event.LOCKOUT, ex.getUserId(), client.ip());
			}
			throw ex;
		}
		this.lockout.reset(request.username());
		this.events.success(Event.LOGIN, user.getId(), client.ip());
		return startSession(user, client);
	}

	/** Rotates the refresh token; the new access token carries the roles stored now. */
	TokenResponse refresh(String refreshToken, Client client) {
		RefreshTokenClaims claims = this.refreshTokens.verify(refreshToken);
		UserAccount user = this.users.findById(claims.userId()).orElseThrow(AccountDisabledException::new);
		if (!user.isEnabled()) {
			this.events.failure(Event.REFRESH, user.getId(), client.ip());
			throw new AccountDisabledException();
		}
		SessionTokens next;
		try {
			next = this.sessions.rotate(claims);
		}
		catch (RefreshTokenRejectedException ex) {
			this.events.failure((ex.getReason() == Reason.REUSED) ? Event.REFRESH_REUSE : Event.REFRESH,
					user.getId(), client.ip());
			throw ex;
		}
		this.events.success(Event.REFRESH, user.getId(), client.ip());
		return respond(user, next);
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

	private TokenResponse startSession(UserAccount user, Client client) {
		return respond(user, this.sessions.start(user.getId(), client.userAgent(), client.ip()));
	}

	private TokenResponse respond(UserAccount user, SessionTokens session) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		// after a revocation, new tokens must not look as if issued before it
		Instant issuedAt = (session.accessTokensNotBefore() != null && session.accessTokensNotBefore().isAfter(now))
				? session.accessTokensNotBefore() : now;
		IssuedToken access = this.accessTokens.issue(user.getId(), user.getUsername(), user.getRoles(),
				session.sessionId(), issuedAt);
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
	 * Who is asking, as recorded on a new session.
	 *
	 * @param ip the client address (the socket's, or the proxy's forwarded one when trusted)
	 * @param userAgent the {@code User-Agent} header
	 */
	record Client(String ip, String userAgent) {
	}

}
