package dev.authserver.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;

import dev.authserver.verification.InvalidTokenException;
import dev.authserver.verification.JwtParsers;
import dev.authserver.verification.SigningAlgorithm;

/**
 * Issues and verifies refresh tokens: a JWS of their own {@code typ}, signed with a key
 * distinct from the access-token key and naming their session in {@code sid}. The token
 * itself is never stored: the same inputs sign to the same token (HMAC is deterministic),
 * so a stored {@code jti}, session and times are enough to issue it again.
 */
public class RefreshTokens {

	/** Our own media type, so that no access-token check could ever accept one. */
	public static final String TYPE = "rt+jwt";

	static final String SESSION = "sid";

	private static final String KIND = "refresh token";

	private final SigningKeys keys;

	private final JwtProperties properties;

	private final Clock clock;

	private final JwtParser parser;

	public RefreshTokens(SigningKeys keys, JwtProperties properties, Clock clock) {
		this.keys = keys;
		this.properties = properties;
		this.clock = clock;
		this.parser = JwtParsers.build(SigningAlgorithm.HS256, keys::refreshKey, keys.keyId(),
				properties.clockSkew().toSeconds(), clock);
	}

	/** Signs the refresh token with these fields; the same fields always give the same token. */
	public String issue(String tokenId, UUID sessionId, UUID userId, Instant issuedAt, Instant expiresAt) {
		return Jwts.builder()
			.header().type(TYPE).keyId(this.keys.keyId()).and()
			.issuer(this.properties.issuer())
			.subject(userId.toString())
			.audience().single(this.properties.issuer())
			.issuedAt(Date.from(issuedAt))
			.expiration(Date.from(expiresAt))
			.id(tokenId)
			.claim(SESSION, sessionId.toString())
			.signWith(this.keys.refreshKey(), Jwts.SIG.HS256)
			.compact();
	}

	/** Verifies a refresh token presented for rotation, or throws {@link InvalidTokenException}. */
	public RefreshTokenClaims verify(String token) {
		// the audience of a refresh token is this server itself
		return claims(JwtParsers.parse(this.parser, SigningAlgorithm.HS256, token, KIND, this.properties.issuer(),
				this.properties.issuer()));
	}

	/**
	 * Verifies a refresh token presented for logout: an expired one still names the session
	 * to end, as long as its signature holds.
	 */
	public RefreshTokenClaims verifyAllowingExpiry(String token) {
		return claims(JwtParsers.parseAllowingExpiry(this.parser, SigningAlgorithm.HS256, token, KIND,
				this.properties.issuer(),
				this.properties.issuer()));
	}

	private RefreshTokenClaims claims(JwtParsers.Parsed parsed) {
		JwsHeader header = parsed.header();
		Claims claims = parsed.claims();
		if (!"HS256".equals(header.getAlgorithm()) || !TYPE.equals(header.getType()) || claims.getId() == null
				|| claims.getExpiration() == null || claims.getIssuedAt() == null
				|| claims.getIssuedAt().toInstant().isAfter(this.clock.instant().plusSeconds(this.properties.clockSkew().toSeconds()))) {
			throw JwtParsers.invalid(KIND);
		}
		try {
			return new RefreshTokenClaims(claims.getId(), JwtParsers.uuid(claims.get(SESSION, String.class)),
					JwtParsers.uuid(claims.getSubject()), claims.getExpiration().toInstant(), parsed.expired());
		}
		catch (RuntimeException ex) {
			throw JwtParsers.invalid(KIND);
		}
	}

}
