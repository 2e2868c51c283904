package dev.authserver.token;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import javax.crypto.SecretKey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.jsonwebtoken.Jwts;

import dev.authserver.verification.AccessTokenClaims;
import dev.authserver.verification.AccessTokenVerifier;
import dev.authserver.verification.InvalidTokenException;
import dev.authserver.verification.SigningAlgorithm;
import dev.authserver.verification.TokenIds;

/**
 * Issues and verifies access tokens (docs/tokens.md, RFC 9068): a JWS of the configured
 * {@link SigningAlgorithm} with {@code typ} {@code at+jwt}, verified from the token alone.
 */
public class AccessTokens {

	/** RFC 9068 section 2.1. */
	public static final String TYPE = AccessTokenVerifier.TYPE;

	/** How many verified tokens are remembered: about 600 bytes each. */
	static final int VERIFIED_CACHE_SIZE = 20_000;

	static final String ROLES = AccessTokenVerifier.ROLES;

	static final String USERNAME = AccessTokenVerifier.USERNAME;

	private final SigningKeys keys;

	private final JwtProperties properties;

	private final Clock clock;

	/** Every rule of docs/tokens.md but revocation, which the caller checks. */
	private final AccessTokenVerifier verifier;

	/**
	 * Tokens verified already, by their exact text: a client sends the same access token for
	 * its whole lifetime, and what was checked once need not be checked again. Expiry is
	 * still checked on every hit; revocation is checked by the caller on every request.
	 * Bounded in size and in age, so memory stays bounded whatever clients send.
	 */
	private final Cache<String, AccessTokenClaims> verified;

	public AccessTokens(SigningKeys keys, JwtProperties properties, Clock clock) {
		this.keys = keys;
		this.properties = properties;
		this.clock = clock;
		// every first verification adds an entry and, once full, evicts one: that upkeep is a
		// few hash-table steps, cheaper on the verifying thread than handed to another
		this.verified = Caffeine.newBuilder()
			.executor(Runnable::run)
			.maximumSize(VERIFIED_CACHE_SIZE)
			.expireAfterWrite(properties.accessTokenTtl().plus(properties.clockSkew()))
			.build();
		this.verifier = new AccessTokenVerifier(keys.algorithm(), keys::accessVerificationKey, keys.accessKeyId(),
				properties.issuer(), properties.audience(), properties.clockSkew(), properties.accessTokenTtl(),
				keys.encryptionKey(), clock);
	}

	/**
	 * Signs an access token for the user's session, valid from {@code issuedAt} for the
	 * configured lifetime.
	 */
	public IssuedToken issue(UUID userId, String username, Collection<String> roles, UUID sessionId,
			Instant issuedAt) {
		Instant iat = issuedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		Instant exp = iat.plus(this.properties.accessTokenTtl());
		String token = Jwts.builder()
			.provider(this.keys.algorithm().provider())
			.header().type(TYPE).keyId(this.keys.accessKeyId()).and()
			.issuer(this.properties.issuer())
			.subject(userId.toString())
			.audience().single(this.properties.audience())
			.issuedAt(Date.from(iat))
			.expiration(Date.from(exp))
			.id(TokenIds.forSession(sessionId))
			.claim(USERNAME, username)
			.claim(ROLES, List.copyOf(roles))
			.signWith(this.keys.accessSigningKey(), this.keys.algorithm().jjwt())
			.compact();
		return new IssuedToken(encrypt(token), exp);
	}

	/** A nested JWT when encryption is on (RFC 7519 section 5.2): the signed token inside a JWE. */
	private String encrypt(String signed) {
		SecretKey key = this.keys.encryptionKey();
		if (key == null) {
			return signed;
		}
		return Jwts.builder()
			.header().contentType("JWT").and()
			.content(signed.getBytes(StandardCharsets.US_ASCII))
			.encryptWith(key, Jwts.ENC.A256GCM)
			.compact();
	}

	/** Signs an access token valid from now. */
	public IssuedToken issue(UUID userId, String username, Collection<String> roles, UUID sessionId) {
		return issue(userId, username, roles, sessionId, this.clock.instant());
	}

	/** Verifies every rule of docs/tokens.md or throws {@link InvalidTokenException}. */
	public AccessTokenClaims verify(String token) {
		// the cache takes no null key; the verifier refuses a null token as invalid
		AccessTokenClaims cached = (token != null) ? this.verified.getIfPresent(token) : null;
		if (cached != null) {
			if (!this.clock.instant().isAfter(cached.expiresAt().plusSeconds(this.properties.clockSkew().toSeconds()))) {
				return cached;
			}
			this.verified.invalidate(token);
		}
		AccessTokenClaims claims = this.verifier.verify(token);
		this.verified.put(token, claims);
		return claims;
	}

}
