package dev.authserver.token;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import javax.crypto.SecretKey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;

import dev.authserver.token.jws.JwtParsers;

/**
 * Issues and verifies access tokens (docs/tokens.md, RFC 9068): a JWS of the configured
 * {@link SigningAlgorithm} with {@code typ} {@code at+jwt}, verified from the token alone.
 */
public class AccessTokens {

	/** RFC 9068 section 2.1. */
	public static final String TYPE = "at+jwt";

	/** How many verified tokens are remembered: about 600 bytes each. */
	static final int VERIFIED_CACHE_SIZE = 20_000;

	static final String ROLES = "roles";

	static final String USERNAME = "preferred_username";

	private static final String KIND = "access token";

	private final SigningKeys keys;

	private final JwtProperties properties;

	private final Clock clock;

	private final JwtParser parser;

	/** Reads encrypted tokens; {@code null} when tokens are signed only. */
	private final JwtParser decrypter;

	/** How far in the future {@code iat} may be: the clock skew, at least a second. */
	private final Duration issuedAtSkew;

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
		// at least a second: iat is whole seconds, and the clocks of instances differ by fractions
		this.issuedAtSkew = Duration.ofSeconds(Math.max(1, properties.clockSkew().toSeconds()));
		// every first verification adds an entry and, once full, evicts one: that upkeep is a
		// few hash-table steps, cheaper on the verifying thread than handed to another
		this.verified = Caffeine.newBuilder()
			.executor(Runnable::run)
			.maximumSize(VERIFIED_CACHE_SIZE)
			.expireAfterWrite(properties.accessTokenTtl().plus(properties.clockSkew()))
			.build();
		this.parser = JwtParsers.build(keys.algorithm(), keys::accessVerificationKey, keys.accessKeyId(),
				properties.clockSkew().toSeconds(), clock);
		this.decrypter = (keys.encryptionKey() != null) ? JwtParsers.buildDecrypting(keys.encryptionKey()) : null;
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
		// the cache takes no null key; verifyFully refuses a null token as invalid
		AccessTokenClaims cached = (token != null) ? this.verified.getIfPresent(token) : null;
		if (cached != null) {
			if (!this.clock.instant().isAfter(cached.expiresAt().plusSeconds(this.properties.clockSkew().toSeconds()))) {
				return cached;
			}
			this.verified.invalidate(token);
		}
		AccessTokenClaims claims = verifyFully(token);
		this.verified.put(token, claims);
		return claims;
	}

	private AccessTokenClaims verifyFully(String token) {
		// while encryption is on, a token that is not encrypted is refused: decrypt insists on a JWE
		String signed = (this.decrypter != null) ? JwtParsers.decrypt(this.decrypter, token, KIND) : token;
		JwtParsers.Parsed parsed = JwtParsers.parse(this.parser, this.keys.algorithm(), signed, KIND,
				this.properties.issuer(), this.properties.audience());
		JwsHeader header = parsed.header();
		if (!this.keys.algorithm().jwsName().equals(header.getAlgorithm()) || !TYPE.equals(header.getType())) {
			throw JwtParsers.invalid(KIND);
		}
		Claims claims = parsed.claims();
		Date iat = claims.getIssuedAt();
		Date exp = claims.getExpiration();
		Instant now = this.clock.instant();
		if (iat == null || exp == null || iat.toInstant().isAfter(now.plus(this.issuedAtSkew))
				|| exp.toInstant().isAfter(iat.toInstant().plus(this.properties.accessTokenTtl()))) {
			throw JwtParsers.invalid(KIND);
		}
		Object username = claims.get(USERNAME);
		String id = claims.getId();
		List<String> roles = strings(claims.get(ROLES));
		if (!(username instanceof String name) || roles == null || id == null) {
			throw JwtParsers.invalid(KIND);
		}
		UUID userId;
		UUID sessionId;
		try {
			userId = JwtParsers.uuid(claims.getSubject());
			sessionId = TokenIds.sessionOf(id);
		}
		catch (RuntimeException ex) {
			throw JwtParsers.invalid(KIND);
		}
		return new AccessTokenClaims(userId, name, roles, id, sessionId, iat.toInstant(), exp.toInstant());
	}

	/** The claim as an unmodifiable list of strings, or null if it is not a JSON array of strings. */
	private static List<String> strings(Object claim) {
		if (!(claim instanceof List<?> list)) {
			return null;
		}
		for (Object element : list) {
			if (!(element instanceof String)) {
				return null;
			}
		}
		@SuppressWarnings("unchecked")
		List<String> strings = (List<String>) list;
		return List.copyOf(strings);
	}

}
