package dev.authserver.verification;

import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import javax.crypto.SecretKey;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtParser;

/**
 * Every rule an access token passes (docs/tokens.md, RFC 9068), from the token alone: the
 * server's bearer filter and the verifier library of other services both check tokens here. It
 * keeps no state beyond its parsers, so a caller that sees the same token often remembers the
 * answer itself; revocation is the caller's to check too.
 */
public final class AccessTokenVerifier {

	/** RFC 9068 section 2.1. */
	public static final String TYPE = "at+jwt";

	/** The claim that lists the holder's roles. */
	public static final String ROLES = "roles";

	/** The claim that names the holder (OpenID Connect Core section 5.1). */
	public static final String USERNAME = "preferred_username";

	private static final String KIND = "access token";

	private final SigningAlgorithm algorithm;

	private final String issuer;

	private final String audience;

	private final Duration accessTokenTtl;

	private final Clock clock;

	private final JwtParser parser;

	/** Reads encrypted tokens; {@code null} when tokens are signed only. */
	private final JwtParser decrypter;

	/** How far in the future {@code iat} may be: the clock skew, at least a second. */
	private final Duration issuedAtSkew;

	/**
	 * A verifier of the tokens one server issues.
	 *
	 * @param algorithm the one algorithm tokens are signed with; any other is refused
	 * @param keysById the key that verifies a {@code kid}, or {@code null} for an unknown one;
	 * called on the verifying thread, so it only looks in memory
	 * @param defaultKeyId the key of a token without {@code kid}
	 * @param issuer the {@code iss} required
	 * @param audience the value {@code aud} must contain
	 * @param clockSkew leeway on {@code exp}, {@code nbf} and {@code iat}
	 * @param accessTokenTtl the longest lifetime a token may claim, {@code exp} minus {@code iat}
	 * @param decryptionKey the AES key of encrypted tokens, or {@code null} when tokens are
	 * signed only (then an encrypted one is refused, and the other way round)
	 * @param clock the time tokens are checked against
	 */
	public AccessTokenVerifier(SigningAlgorithm algorithm, Function<String, Key> keysById, String defaultKeyId,
			String issuer, String audience, Duration clockSkew, Duration accessTokenTtl, SecretKey decryptionKey,
			Clock clock) {
		this.algorithm = algorithm;
		this.issuer = issuer;
		this.audience = audience;
		this.accessTokenTtl = accessTokenTtl;
		this.clock = clock;
		// at least a second: iat is whole seconds, and the clocks of instances differ by fractions
		this.issuedAtSkew = Duration.ofSeconds(Math.max(1, clockSkew.toSeconds()));
		this.parser = JwtParsers.build(algorithm, keysById, defaultKeyId, clockSkew.toSeconds(), clock);
		this.decrypter = (decryptionKey != null) ? JwtParsers.buildDecrypting(decryptionKey) : null;
	}

	/** Verifies every rule of docs/tokens.md but revocation, or throws {@link InvalidTokenException}. */
	public AccessTokenClaims verify(String token) {
		// while encryption is on, a token that is not encrypted is refused: decrypt insists on a JWE
		String signed = (this.decrypter != null) ? JwtParsers.decrypt(this.decrypter, token, KIND) : token;
		JwtParsers.Parsed parsed = JwtParsers.parse(this.parser, this.algorithm, signed, KIND, this.issuer,
				this.audience);
		JwsHeader header = parsed.header();
		if (!this.algorithm.jwsName().equals(header.getAlgorithm()) || !TYPE.equals(header.getType())) {
			throw JwtParsers.invalid(KIND);
		}
		Claims claims = parsed.claims();
		Date iat = claims.getIssuedAt();
		Date exp = claims.getExpiration();
		Instant now = this.clock.instant();
		if (iat == null || exp == null || iat.toInstant().isAfter(now.plus(this.issuedAtSkew))
				|| exp.toInstant().isAfter(iat.toInstant().plus(this.accessTokenTtl))) {
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
