package dev.authserver.attack;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationContext;

import dev.authserver.token.JwtProperties;
import dev.authserver.token.ServerKeys;
import dev.authserver.token.SigningKeys;
import dev.authserver.token.TokenForge;
import dev.authserver.verification.TokenIds;

/**
 * Forges tokens with the server's own keys, which a real attacker would not hold: a token
 * that is right in every respect but the one an attack changes can then only be refused by
 * the rule that attack is about, never by a bad signature the test made by accident.
 */
final class Forgery {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SigningKeys keys;

	private final JwtProperties properties;

	private final Clock clock;

	Forgery(SigningKeys keys, JwtProperties properties, Clock clock) {
		this.keys = keys;
		this.properties = properties;
		this.clock = clock;
	}

	static Forgery of(ApplicationContext context) {
		return new Forgery(context.getBean(SigningKeys.class), context.getBean(JwtProperties.class),
				context.getBean(Clock.class));
	}

	byte[] accessKey() {
		return ServerKeys.accessKey(this.keys);
	}

	byte[] refreshKey() {
		return ServerKeys.refreshKey(this.keys);
	}

	String keyId() {
		return this.keys.keyId();
	}

	JwtProperties properties() {
		return this.properties;
	}

	long now() {
		return this.clock.instant().getEpochSecond();
	}

	/**
	 * An access token the server accepts, for a made-up user who holds {@code ADMIN}: were
	 * an attack on it to get through, it would open the admin API too.
	 */
	Draft access() {
		long issuedAt = now() - 5;
		Draft draft = new Draft(accessKey());
		draft.header("alg", str("HS256")).header("typ", str("at+jwt")).header("kid", str(keyId()));
		draft.claim("iss", str(this.properties.issuer()))
			.claim("sub", str(UUID.randomUUID().toString()))
			.claim("aud", str(this.properties.audience()))
			.claim("iat", Long.toString(issuedAt))
			.claim("exp", Long.toString(issuedAt + this.properties.accessTokenTtl().toSeconds()))
			.claim("jti", str(TokenIds.forSession(UUID.randomUUID())))
			.claim("preferred_username", str("mallory"))
			.claim("roles", "[\"USER\",\"ADMIN\"]");
		return draft;
	}

	/**
	 * The header and claims of a real refresh token, to be changed and signed again with the
	 * refresh key: the forgery names a live session, so only the attacked rule stands
	 * between it and a rotation.
	 */
	Draft refresh(String realToken) {
		return draft(realToken, refreshKey());
	}

	/** The header and claims of a real access token, to be changed and signed again. */
	Draft access(String realToken) {
		return draft(realToken, accessKey());
	}

	private static Draft draft(String realToken, byte[] key) {
		String[] segments = TokenForge.segments(realToken);
		Draft draft = new Draft(key);
		decode(segments[0]).forEach(draft::header);
		decode(segments[1]).forEach(draft::claim);
		return draft;
	}

	private static Map<String, String> decode(String segment) {
		@SuppressWarnings("unchecked")
		Map<String, Object> values = JSON.readValue(Base64.getUrlDecoder().decode(segment), LinkedHashMap.class);
		Map<String, String> raw = new LinkedHashMap<>();
		values.forEach((name, value) -> raw.put(name, JSON.writeValueAsString(value)));
		return raw;
	}

	/** A JSON string literal, escaped as needed. */
	static String str(String value) {
		return JSON.writeValueAsString(value);
	}

	/**
	 * A token under construction: header and claims as raw JSON text in insertion order, so
	 * that any value (or none) can go under any name, and the key it is signed with.
	 */
	static final class Draft {

		private final Map<String, String> header = new LinkedHashMap<>();

		private final Map<String, String> claims = new LinkedHashMap<>();

		private final byte[] key;

		Draft(byte[] key) {
			this.key = key;
		}

		Draft header(String name, String json) {
			this.header.put(name, json);
			return this;
		}

		Draft withoutHeader(String name) {
			this.header.remove(name);
			return this;
		}

		Draft claim(String name, String json) {
			this.claims.put(name, json);
			return this;
		}

		Draft withoutClaim(String name) {
			this.claims.remove(name);
			return this;
		}

		String claim(String name) {
			return this.claims.get(name);
		}

		String headerJson() {
			return TokenForge.object(this.header);
		}

		String claimsJson() {
			return TokenForge.object(this.claims);
		}

		byte[] key() {
			return this.key.clone();
		}

		/** Signed with HS256 and the key of its kind, exactly as the server signs. */
		String signed() {
			return signedWith(this.key);
		}

		String signedWith(byte[] otherKey) {
			return TokenForge.sign(headerJson(), claimsJson(), otherKey);
		}

		/** Raw header and payload bytes, encoded as given and signed with the key of its kind. */
		String signedBytes(byte[] headerBytes, byte[] payloadBytes) {
			return TokenForge.sign(headerBytes, payloadBytes, this.key);
		}

		/** Already encoded segments, signed exactly as given with the key of its kind. */
		String signedSegments(String headerSegment, String payloadSegment) {
			return TokenForge.signSegments(headerSegment, payloadSegment, this.key, TokenForge.HS256);
		}

		byte[] headerBytes() {
			return headerJson().getBytes(StandardCharsets.UTF_8);
		}

		byte[] claimsBytes() {
			return claimsJson().getBytes(StandardCharsets.UTF_8);
		}

	}

}
