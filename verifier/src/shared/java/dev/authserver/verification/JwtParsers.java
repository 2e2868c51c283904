package dev.authserver.verification;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import javax.crypto.SecretKey;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.Jwe;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.Locator;
import io.jsonwebtoken.ProtectedHeader;
import io.jsonwebtoken.UnsupportedJwtException;
import io.jsonwebtoken.io.Deserializer;


/**
 * Builds the jjwt parsers once (they are thread safe) and is the one place that turns a
 * {@link JwtException} into an {@link InvalidTokenException}.
 */
public final class JwtParsers {

	private JwtParsers() {
	}

	/**
	 * A parser pinned to one algorithm (RFC 8725 section 3.1) with decompression disabled
	 * (section 3.11 warns of decompression bombs). Issuer and audience are checked by
	 * {@link #parse} after it: jjwt's {@code requireIssuer}/{@code requireAudience} build
	 * their expected-claims objects anew on every parse.
	 */
	public static JwtParser build(SigningAlgorithm algorithm, Function<String, Key> keysById, String defaultKeyId,
			long skewSeconds, Clock clock) {
		Locator<Key> locator = (header) -> {
			String kid = (header instanceof ProtectedHeader protectedHeader) ? protectedHeader.getKeyId() : null;
			// kid only selects among keys held in memory; it never names a file, row or URL
			Key key = keysById.apply((kid != null) ? kid : defaultKeyId);
			if (key == null) {
				throw new UnsupportedJwtException("Unknown key id");
			}
			return key;
		};
		return Jwts.parser()
			.provider(algorithm.provider())
			.keyLocator(locator)
			.sig().clear().add(algorithm.jjwt()).and()
			.zip().clear().and()
			.clockSkewSeconds(skewSeconds)
			.clock(() -> Date.from(clock.instant()))
			.json(new StrictJsonDeserializer())
			.build();
	}

	/**
	 * The strict JSON reader of our tokens, for other JOSE documents read from the server, such
	 * as its JWK Set: no duplicate member names, small bounds on nesting and numbers.
	 */
	public static Deserializer<Map<String, ?>> strictJson() {
		return new StrictJsonDeserializer();
	}

	/**
	 * A parser of our encrypted tokens only: {@code alg: dir} with this key,
	 * {@code enc: A256GCM}, no compression, the same strict JSON for the header.
	 */
	public static JwtParser buildDecrypting(SecretKey key) {
		return Jwts.parser()
			.decryptWith(key)
			.key().clear().add(Jwts.KEY.DIRECT).and()
			.enc().clear().add(Jwts.ENC.A256GCM).and()
			.zip().clear().and()
			.json(new StrictJsonDeserializer(true))
			.build();
	}

	/**
	 * The signed token inside one of our encrypted tokens, or throws: the JWE's shape, its header
	 * ({@code cty: JWT} as RFC 7519 section 5.2 asks of a nested JWT), and its authentication tag
	 * are checked; the inner token is checked by the caller as any other.
	 */
	public static String decrypt(JwtParser parser, String token, String kind) {
		if (!CompactJws.isWellFormedJwe(token)) {
			throw invalid(kind);
		}
		try {
			Jwe<byte[]> jwe = parser.parseEncryptedContent(token);
			if (!"JWT".equals(jwe.getHeader().get("cty"))) {
				throw invalid(kind);
			}
			return new String(jwe.getPayload(), StandardCharsets.US_ASCII);
		}
		catch (JwtException | IllegalArgumentException | ClassCastException ex) {
			throw invalid(kind);
		}
	}

	/**
	 * Parses and checks signature and time claims, then that {@code iss} is the issuer and
	 * {@code aud} names the audience, or throws.
	 */
	public static Parsed parse(JwtParser parser, SigningAlgorithm algorithm, String token, String kind, String issuer,
			String audience) {
		return parse(parser, algorithm, token, kind, issuer, audience, false);
	}

	/**
	 * As {@link #parse(JwtParser, SigningAlgorithm, String, String, String, String)}, but an expired token is
	 * returned, marked expired, rather than refused: jjwt checks expiry only after the
	 * signature, so its claims are authentic.
	 */
	public static Parsed parseAllowingExpiry(JwtParser parser, SigningAlgorithm algorithm, String token, String kind,
			String issuer, String audience) {
		return parse(parser, algorithm, token, kind, issuer, audience, true);
	}

	private static Parsed parse(JwtParser parser, SigningAlgorithm algorithm, String token, String kind,
			String issuer, String audience, boolean allowExpired) {
		if (!CompactJws.isWellFormed(token, algorithm.signatureLength())) {
			throw invalid(kind);
		}
		Parsed parsed;
		try {
			Jws<Claims> jws = parser.parseSignedClaims(token);
			parsed = new Parsed(jws.getHeader(), jws.getPayload(), false);
		}
		catch (ExpiredJwtException ex) {
			if (!allowExpired) {
				throw InvalidTokenException.expired(kind);
			}
			if (!(ex.getHeader() instanceof JwsHeader header)) {
				throw invalid(kind);
			}
			parsed = new Parsed(header, ex.getClaims(), true);
		}
		catch (JwtException | IllegalArgumentException | ClassCastException | ArithmeticException ex) {
			throw invalid(kind);
		}
		if (!isFor(parsed.claims(), issuer, audience)) {
			throw invalid(kind);
		}
		return parsed;
	}

	/** A token's header and claims, signature checked; {@code expired} only when allowed. */
	public record Parsed(JwsHeader header, Claims claims, boolean expired) {
	}

	/** Whether {@code iss} is the issuer and {@code aud} names the audience. */
	private static boolean isFor(Claims claims, String issuer, String audience) {
		Set<String> audiences = claims.getAudience();
		return issuer.equals(claims.getIssuer()) && audiences != null && audiences.contains(audience);
	}

	/**
	 * A UUID in the one spelling we issue (RFC 9562 section 4, lower-case hex in groups of
	 * 8-4-4-4-12), or {@link IllegalArgumentException}: {@link UUID#fromString} alone also
	 * takes spellings such as {@code 1-1-1-1-1}. Read directly rather than parsed and printed
	 * back, as it is on every first verification of a token.
	 */
	public static UUID uuid(String text) {
		if (text == null || text.length() != 36) {
			throw notCanonicalUuid();
		}
		long high = 0;
		long low = 0;
		for (int i = 0; i < 36; i++) {
			char c = text.charAt(i);
			if (i == 8 || i == 13 || i == 18 || i == 23) {
				if (c != '-') {
					throw notCanonicalUuid();
				}
				continue;
			}
			int digit = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
			if (digit < 0) {
				throw notCanonicalUuid();
			}
			if (i < 18) {
				high = (high << 4) | digit;
			}
			else {
				low = (low << 4) | digit;
			}
		}
		return new UUID(high, low);
	}

	private static IllegalArgumentException notCanonicalUuid() {
		return new IllegalArgumentException("Not a UUID in canonical form");
	}

	public static InvalidTokenException invalid(String kind) {
		return InvalidTokenException.invalid(kind);
	}

}
