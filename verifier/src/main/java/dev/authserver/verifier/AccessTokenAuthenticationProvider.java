package dev.authserver.verifier;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;

import dev.authserver.bearer.BearerTokenException;
import dev.authserver.verification.AccessTokenVerifier;
import dev.authserver.verification.InvalidTokenException;

/**
 * Verifies a bearer access token by value (docs/tokens.md): every rule the server applies, then
 * revocation, from memory. A token verified once is remembered by its exact text, as the server
 * does, so the next request with it costs a map lookup; its expiry and revocation are still
 * checked every time.
 */
final class AccessTokenAuthenticationProvider implements AuthenticationProvider {

	/** How many verified tokens are remembered: under a kilobyte each. */
	static final int VERIFIED_CACHE_SIZE = 20_000;

	static final String REVOKED = "The access token was revoked";

	private final AccessTokenVerifier verifier;

	private final Revocations revocations;

	private final Clock clock;

	private final Duration clockSkew;

	private final Cache<String, AccessTokenAuthentication> verified;

	AccessTokenAuthenticationProvider(AccessTokenVerifier verifier, Revocations revocations, Clock clock,
			Duration accessTokenTtl, Duration clockSkew) {
		this.verifier = verifier;
		this.revocations = revocations;
		this.clock = clock;
		this.clockSkew = clockSkew;
		// upkeep on the verifying thread: a few hash-table steps, cheaper than handing them over
		this.verified = Caffeine.newBuilder()
			.executor(Runnable::run)
			.maximumSize(VERIFIED_CACHE_SIZE)
			.expireAfterWrite(accessTokenTtl.plus(clockSkew))
			.build();
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		return authenticate(((AccessTokenAuthentication) authentication).token());
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return AccessTokenAuthentication.class.isAssignableFrom(authentication);
	}

	/** The verified token, or throws {@link BearerTokenException} saying why not. */
	AccessTokenAuthentication authenticate(String token) {
		if (token == null) {
			throw BearerTokenException.invalidToken(InvalidTokenException.invalid("access token").getMessage());
		}
		AccessTokenAuthentication authentication = this.verified.getIfPresent(token);
		if (authentication == null || !authentication.isLiveAt(this.clock.millis())) {
			try {
				authentication = AccessTokenAuthentication.verified(this.verifier.verify(token), this.clockSkew);
			}
			catch (InvalidTokenException ex) {
				this.verified.invalidate(token);
				throw BearerTokenException.invalidToken(ex.getMessage());
			}
			this.verified.put(token, authentication);
		}
		if (this.revocations.isRevoked(authentication)) {
			throw BearerTokenException.invalidToken(REVOKED);
		}
		return authentication;
	}

}
