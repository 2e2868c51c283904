package dev.authserver.verifier;

import java.security.Key;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.SecureDigestAlgorithm;

import dev.authserver.verification.TokenIds;

/**
 * Signs access tokens and security event tokens as the auth server does (docs/tokens.md,
 * docs/revocation.md), with keys of the test's own, and any one field changed to break a rule.
 */
final class Tokens {

	static final String ISSUER = "auth-server";

	static final String AUDIENCE = "api";

	static final Duration TTL = Duration.ofMinutes(15);

	private final Key signingKey;

	private final SecureDigestAlgorithm<Key, ?> algorithm;

	private final String kid;

	@SuppressWarnings("unchecked")
	private Tokens(Key signingKey, SecureDigestAlgorithm<? extends Key, ?> algorithm, String kid) {
		this.signingKey = signingKey;
		this.algorithm = (SecureDigestAlgorithm<Key, ?>) algorithm;
		this.kid = kid;
	}

	/** Tokens signed with this private key or HMAC key, by this algorithm, naming this key id. */
	static Tokens signedWith(Key signingKey, SecureDigestAlgorithm<? extends Key, ?> algorithm, String kid) {
		return new Tokens(signingKey, algorithm, kid);
	}

	/** The JWK Set of these public keys, by key id, each of the algorithm named. */
	static String jwkSet(Map<String, KeyPair> pairs, String algorithm) {
		List<String> keys = new ArrayList<>();
		pairs.forEach((kid, pair) -> keys.add(Jwks.json(Jwks.builder()
			.key(pair.getPublic())
			.id(kid)
			.algorithm(algorithm)
			.publicKeyUse("sig")
			.build())));
		return "{\"keys\":[" + String.join(",", keys) + "]}";
	}

	/** A user and the session its tokens belong to. */
	record User(UUID id, String username, List<String> roles, UUID session) {

		static User of(String username, String... roles) {
			return new User(UUID.randomUUID(), username, List.of(roles), UUID.randomUUID());
		}

		String sessionText() {
			return TokenIds.sessionText(this.session);
		}

	}

	String access(User user) {
		return access(user, Instant.now(), UnaryOperator.identity());
	}

	String access(User user, Instant issuedAt) {
		return access(user, issuedAt, UnaryOperator.identity());
	}

	/** An access token as the server issues it, then changed by {@code change}. */
	String access(User user, Instant issuedAt, UnaryOperator<JwtBuilder> change) {
		Instant iat = issuedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		JwtBuilder builder = Jwts.builder()
			.header().type("at+jwt").keyId(this.kid).and()
			.issuer(ISSUER)
			.subject(user.id().toString())
			.audience().single(AUDIENCE)
			.issuedAt(Date.from(iat))
			.expiration(Date.from(iat.plus(TTL)))
			.id(TokenIds.forSession(user.session()))
			.claim("preferred_username", user.username())
			.claim("roles", user.roles());
		return change.apply(builder).signWith(this.signingKey, this.algorithm).compact();
	}

	/** A SET ending one session, to this audience. */
	String sessionRevoked(String jti, User user, String audience) {
		return sessionRevoked(jti, user, audience, UnaryOperator.identity());
	}

	String sessionRevoked(String jti, User user, String audience, UnaryOperator<JwtBuilder> change) {
		Map<String, Object> subject = new LinkedHashMap<>();
		subject.put("format", "opaque");
		subject.put("id", user.sessionText());
		return event(jti, subject, Instant.now(), audience, change);
	}

	/** A SET revoking every token of the user issued at or before {@code at}. */
	String userRevoked(String jti, User user, Instant at, String audience) {
		Map<String, Object> subject = new LinkedHashMap<>();
		subject.put("format", "iss_sub");
		subject.put("iss", ISSUER);
		subject.put("sub", user.id().toString());
		return event(jti, subject, at, audience, UnaryOperator.identity());
	}

	private String event(String jti, Map<String, Object> subject, Instant at, String audience,
			UnaryOperator<JwtBuilder> change) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("subject", subject);
		event.put("event_timestamp", at.getEpochSecond());
		JwtBuilder builder = Jwts.builder()
			.header().type("secevent+jwt").keyId(this.kid).and()
			.issuer(ISSUER)
			.audience().single(audience)
			.issuedAt(new Date())
			.id(jti)
			.claim("sub_id", subject)
			.claim("events", Map.of("https://schemas.openid.net/secevent/caep/event-type/session-revoked", event));
		return change.apply(builder).signWith(this.signingKey, this.algorithm).compact();
	}

}
