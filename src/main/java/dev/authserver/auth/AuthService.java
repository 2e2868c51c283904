package dev.authserver.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.stereotype.Service;

import dev.authserver.session.SessionService;
import dev.authserver.token.AccessTokens;
import dev.authserver.token.IssuedToken;
import dev.authserver.token.RefreshTokenClaims;
import dev.authserver.token.RefreshTokens;
import dev.authserver.user.AccountDisabledException;
import dev.authserver.user.UserAccount;
import dev.authserver.user.UserService;

/** Signup, login, refresh and logout: the user store, sessions and tokens put together. */
@Service
class AuthService {

	private final UserService users;

	private final SessionService sessions;

	private final AccessTokens accessTokens;

	private final RefreshTokens refreshTokens;

	private final Clock clock;

	AuthService(UserService users, SessionService sessions, AccessTokens accessTokens, RefreshTokens refreshTokens,
			Clock clock) {
		this.users = users;
		this.sessions = sessions;
		this.accessTokens = accessTokens;
		this.refreshTokens = refreshTokens;
		this.clock = clock;
	}

	TokenResponse signup(SignupRequest request, Client client) {
		UserAccount user = this.users.signup(request.username(), request.password(), emptyToNull(request.email()));
		return startSession(user, client);
	}

	TokenResponse login(LoginRequest request, Client client) {
		UserAccount user = this.users.authenticate(request.username(), request.password());
		return startSession(user, client);
	}

	/** Rotates the refresh token; the new access token carries the roles stored now. */
	TokenResponse refresh(String refreshToken) {
		RefreshTokenClaims claims = this.refreshTokens.verify(refreshToken);
		UserAccount user = this.users.findById(claims.userId()).orElseThrow(AccountDisabledException::new);
		if (!user.isEnabled()) {
			throw new AccountDisabledException();
		}
		IssuedToken next = this.sessions.rotate(claims);
		return respond(user, next);
	}

	void logout(String refreshToken) {
		RefreshTokenClaims claims = this.refreshTokens.verifyAllowingExpiry(refreshToken);
		this.sessions.end(claims.sessionId(), claims.userId());
	}

	private TokenResponse startSession(UserAccount user, Client client) {
		IssuedToken refresh = this.sessions.start(user.getId(), client.userAgent(), client.ip());
		return respond(user, refresh);
	}

	private TokenResponse respond(UserAccount user, IssuedToken refresh) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		IssuedToken access = this.accessTokens.issue(user.getId(), user.getUsername(), user.getRoles(), now);
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
