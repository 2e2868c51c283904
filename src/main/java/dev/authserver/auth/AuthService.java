package dev.authserver.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import dev.authserver.audit.SecurityEvents;
import dev.authserver.audit.SecurityEvents.Event;
import dev.authserver.password.PasswordHashing;
import dev.authserver.session.Client;
import dev.authserver.session.IssuedTokens;
import dev.authserver.session.SessionService;
import dev.authserver.throttle.ClientRateLimiter;
import dev.authserver.throttle.LoginLockout;
import dev.authserver.throttle.TooManyAttemptsException;
import dev.authserver.token.IssuedToken;
import dev.authserver.token.JwtProperties;
import dev.authserver.user.InvalidCredentialsException;
import dev.authserver.user.UserAccount;
import dev.authserver.user.UserService;

/**
 * Signup, login, refresh and logout: the password checks and their limits, in front of the
 * sessions that issue the tokens.
 */
@Service
class AuthService {

	private final UserService users;

	private final SessionService sessions;

	private final LoginLockout lockout;

	private final ClientRateLimiter limiter;

	private final PasswordHashing hashing;

	private final SecurityEvents events;

	private final JwtProperties jwt;

	private final Clock clock;

	AuthService(UserService users, SessionService sessions, LoginLockout lockout, ClientRateLimiter limiter,
			PasswordHashing hashing, SecurityEvents events, JwtProperties jwt, Clock clock) {
		this.users = users;
		this.sessions = sessions;
		this.lockout = lockout;
		this.limiter = limiter;
		this.hashing = hashing;
		this.events = events;
		this.jwt = jwt;
		this.clock = clock;
	}

	TokenResponse signup(SignupRequest request, Client client) {
		UserAccount user = this.users.signup(request.username(), request.password(), emptyToNull(request.email()));
		this.events.success(Event.SIGNUP, user.getId(), client.ip());
		return respond(this.sessions.start(user.getId(), user.getPasswordHash(), client));
	}

	/**
	 * Checks the credentials within the username's budgets (docs/security.md): the hash's place
	 * first, so that when hashing is full nothing else is done; then the lockout try, so that a
	 * locked username gets 429 before any password is hashed, alike for every username.
	 */
	TokenResponse login(LoginRequest request, Client client) {
		try {
			this.limiter.acquireForUsername(request.username());
		}
		catch (TooManyAttemptsException ex) {
			this.events.failure(Event.RATE_LIMIT, null, client.ip());
			throw ex;
		}
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
			// the try is settled in the session's own transaction: one commit for both
			IssuedTokens tokens = this.sessions.start(user.getId(), user.getPasswordHash(), client,
					attempt::succeededInTransaction);
			settled = true;
			this.events.success(Event.LOGIN, user.getId(), client.ip());
			return respond(tokens);
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
		catch (DataAccessResourceFailureException | TransientDataAccessException | CannotCreateTransactionException
				| TransactionSystemException ex) {
			// the database is away or slow: giving the try back would wait for it a second time, past
			// the bound on the answer; the try stays counted in the database until its lockout window
			// ends, and this instance forgets it is under way
			attempt.abandoned();
			settled = true;
			throw ex;
		}
		finally {
			if (!settled) {
				attempt.cancelled();
			}
		}
	}

	TokenResponse refresh(String refreshToken, Client client) {
		return respond(this.sessions.refresh(refreshToken, client));
	}

	void logout(String refreshToken, Client client) {
		UUID userId = this.sessions.logout(refreshToken);
		this.events.success(Event.LOGOUT, userId, client.ip());
	}

	/** Ends every session of the user and refuses the access tokens already out. */
	void logoutAll(UUID userId, Client client) {
		this.sessions.revokeUser(userId, null);
		this.events.success(Event.LOGOUT_ALL, userId, client.ip());
	}

	/** {@code expires_in} never exceeds the lifetime, even for a token issued a moment ahead of this clock. */
	private TokenResponse respond(IssuedTokens tokens) {
		// JWT times are whole seconds: counted from this second, a new token has exactly its lifetime
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		IssuedToken access = tokens.accessToken();
		IssuedToken refresh = tokens.refreshToken();
		return new TokenResponse(access.value(), "Bearer",
				Math.min(this.jwt.accessTokenTtl().toSeconds(), secondsUntil(now, access.expiresAt())), refresh.value(),
				Math.min(this.jwt.refreshTokenTtl().toSeconds(), secondsUntil(now, refresh.expiresAt())));
	}

	private static long secondsUntil(Instant now, Instant then) {
		return Math.max(0, Duration.between(now, then).toSeconds());
	}

	private static String emptyToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
