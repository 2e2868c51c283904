package dev.authserver.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.authserver.session.SessionService;
import dev.authserver.session.SessionTokens;
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
		return respond(user, this.sessions.rotate(claims));
	}

	void logout(String refreshToken) {
		RefreshTokenClaims claims = this.refreshTokens.verifyAllowingExpiry(refreshToken);
		this.sessions.end(claims.sessionId(), claims.userId());
	}

	/** Ends every session of the user and refuses the access tokens already out. */
	void logoutAll(UUID userId) {
		this.sessions.revokeUser(userId, null);
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
