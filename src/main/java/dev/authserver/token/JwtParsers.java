package dev.authserver.token;

import java.security.Key;
import java.time.Clock;
import java.util.Date;
import java.util.UUID;
import java.util.function.Function;

import javax.crypto.SecretKey;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.Locator;
import io.jsonwebtoken.ProtectedHeader;
import io.jsonwebtoken.UnsupportedJwtException;

/**
 * Builds the jjwt parsers once (they are thread safe) and is the one place that turns a
 * {@link JwtException} into an {@link InvalidTokenException}.
 */
final class JwtParsers {

	private JwtParsers() {
	}

	/**
	 * A parser pinned to HS256 (RFC 8725 section 3.1) with decompression disabled
	 * (section 3.11 warns of decompression bombs), requiring our issuer and audience.
	 */
	static JwtParser build(SigningKeys keys, Function<String, SecretKey> keysById, String issuer, String audience,
			long skewSeconds, Clock clock) {
		Locator<Key> locator = (header) -> {
			String kid = (header instanceof ProtectedHeader protectedHeader) ? protectedHeader.getKeyId() : null;
			// kid only selects among keys held in memory; it never names a file, row or URL
			SecretKey key = keysById.apply((kid != null) ? kid : keys.keyId());
			if (key == null) {
				throw new UnsupportedJwtException("Unknown key id");
			}
			return key;
		};
		return Jwts.parser()
			.keyLocator(locator)
			.sig().clear().add(Jwts.SIG.HS256).and()
			.zip().clear().and()
			.requireIssuer(issuer)
			.requireAudience(audience)
			.clockSkewSeconds(skewSeconds)
			.clock(() -> Date.from(clock.instant()))
			.json(new StrictJsonDeserializer())
			.build();
	}

	/** Parses and checks signature, issuer, audience and time claims, or throws. */
	static Jws<Claims> parse(JwtParser parser, String token, String kind) {
		if (!CompactJws.isWellFormed(token)) {
			throw invalid(kind);
		}
		try {
			return parser.parseSignedClaims(token);
		}
		catch (ExpiredJwtException ex) {
			throw new InvalidTokenException("The " + kind + " expired", true);
		}
		catch (JwtException | IllegalArgumentException | ClassCastException | ArithmeticException ex) {
			throw invalid(kind);
		}
	}

	/**
	 * A UUID in the one spelling we issue (RFC 9562 section 4, lower-case hex in groups of
	 * 8-4-4-4-12), or {@link IllegalArgumentException}: {@link UUID#fromString} alone also
	 * takes spellings such as {@code 1-1-1-1-1}. Read directly rather than parsed and printed
	 * back, as it is on every first verification of a token.
	 */
	static UUID uuid(String text) {
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

	static InvalidTokenException invalid(String kind) {
		return new InvalidTokenException("The " + kind + " is invalid", false);
	}

}
