package dev.authserver.attack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.AeadAlgorithm;
import io.jsonwebtoken.security.KeyAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;


import dev.authserver.attack.Forgery.Draft;
import dev.authserver.token.TokenForge;

import static dev.authserver.attack.Forgery.str;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 8725 section 3.6 and docs/tokens.md: only a compact JWS is a token. A JWE (five
 * segments), even one encrypted with a key derived from ours and holding a genuine token,
 * is refused with 401 before any decryption, so that its costly or dangerous parameters
 * ({@code p2c}, {@code epk}) never run.
 */
class JweAttackTest extends AttackTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration PROMPTLY = Duration.ofSeconds(1);

	@Test
	void meWhenForgedByTheRulesThenAccepted() {
		this.attacker.assertAccessAccepted(this.forgery.access().signed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "A128GCM", "A192GCM", "A256GCM", "A128CBC-HS256", "A192CBC-HS384", "A256CBC-HS512" })
	void meWhenDirectJweWithKeyFromServerKeyThenInvalidToken(String enc) {
		AeadAlgorithm algorithm = (AeadAlgorithm) Jwts.ENC.get().get(enc);
		int bytes = algorithm.getKeyBitLength() / 8;

		for (byte[] key : new byte[][] { prefix(this.forgery.accessKey(), bytes),
				digest(this.forgery.accessKey(), bytes) }) {
			String jwe = Jwts.builder()
				.header().type("at+jwt").keyId(this.forgery.keyId()).and()
				.claims(claims(this.forgery.access()))
				.encryptWith(new SecretKeySpec(key, "AES"), algorithm)
				.compact();
			assertThat(TokenForge.segments(jwe)).hasSize(5);
			assertThat(header(jwe)).containsEntry("alg", "dir").containsEntry("enc", enc);

			this.attacker.assertAccessRejected(jwe);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "A128KW", "A192KW", "A256KW", "A128GCMKW", "A256GCMKW" })
	void meWhenKeyWrappedJweWithKeyFromServerKeyThenInvalidToken(String alg) {
		@SuppressWarnings("unchecked")
		KeyAlgorithm<SecretKey, SecretKey> wrap = (KeyAlgorithm<SecretKey, SecretKey>) Jwts.KEY.get().get(alg);
		int bytes = Integer.parseInt(alg.substring(1, 4)) / 8;
		SecretKey key = new SecretKeySpec(prefix(this.forgery.accessKey(), bytes), "AES");

		String jwe = Jwts.builder()
			.header().type("at+jwt").keyId(this.forgery.keyId()).and()
			.claims(claims(this.forgery.access()))
			.encryptWith(key, wrap, Jwts.ENC.A128GCM)
			.compact();

		this.attacker.assertAccessRejected(jwe);
	}

	@Test
	void meWhenNestedJwtInsideJweThenInvalidToken() {
		// the inner tokens alone are accepted: only the envelope can be refused
		String genuine = this.attacker.signup().accessToken();
		String forgedAdmin = this.forgery.access().signed();
		this.attacker.assertAccessAccepted(forgedAdmin);

		for (String inner : new String[] { genuine, forgedAdmin }) {
			String jwe = Jwts.builder()
				.header().contentType("JWT").keyId(this.forgery.keyId()).and()
				.content(inner.getBytes(StandardCharsets.US_ASCII), "JWT")
				.encryptWith(new SecretKeySpec(prefix(this.forgery.accessKey(), 32), "AES"), Jwts.ENC.A256GCM)
				.compact();
			assertThat(header(jwe)).containsEntry("cty", "JWT");

			this.attacker.assertAccessRejected(jwe);
		}
	}

	@Test
	void meWhenJwsSaysItNestsAJwtThenInvalidToken() {
		// a JWS whose payload is a whole genuine token rather than claims
		String inner = this.forgery.access().signed();
		Draft outer = this.forgery.access().header("cty", str("JWT"));

		this.attacker.assertAccessRejected(
				TokenForge.sign(outer.headerJson(), inner, this.forgery.accessKey()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"alg\":\"dir\",\"enc\":\"A128GCM\"}",
			"{\"alg\":\"dir\",\"enc\":\"A128GCM\",\"typ\":\"at+jwt\",\"kid\":\"KEYID\"}",
			"{\"alg\":\"none\",\"enc\":\"A128GCM\"}", "{\"alg\":\"HS256\",\"enc\":\"A128GCM\"}",
			"{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"KEYID\"}", "{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}",
			"{\"alg\":\"A128KW\",\"enc\":\"A128CBC-HS256\",\"zip\":\"DEF\"}" })
	void meWhenHandMadeFiveSegmentsThenInvalidToken(String header) {
		String jwe = TokenForge.encode(header.replace("KEYID", this.forgery.keyId())) + "."
				+ TokenForge.encode(TokenForge.bytes(16, 1)) + "." + TokenForge.encode(TokenForge.bytes(12, 2)) + "."
				+ TokenForge.encode(this.forgery.access().claimsJson()) + "." + TokenForge.encode(TokenForge.bytes(16, 3));

		this.attacker.assertAccessRejected(jwe);
	}

	@Test
	void meWhenPbes2WithHugeIterationCountThenInvalidTokenPromptly() {
		// RFC 8725 section 3.12 / CVE-2023-52428 style: p2c of two billion would take hours to derive
		String header = "{\"alg\":\"PBES2-HS512+A256KW\",\"enc\":\"A256GCM\",\"p2s\":\""
				+ TokenForge.encode(TokenForge.bytes(16, 4)) + "\",\"p2c\":2147483647}";
		String jwe = TokenForge.encode(header) + "." + TokenForge.encode(TokenForge.bytes(40, 5)) + "."
				+ TokenForge.encode(TokenForge.bytes(12, 6)) + "." + TokenForge.encode("{}") + "."
				+ TokenForge.encode(TokenForge.bytes(16, 7));

		Attacker.within(PROMPTLY, () -> {
			this.attacker.assertAccessRejected(jwe);
			return null;
		});
	}

	@Test
	void meWhenEcdhWithPointOffTheCurveThenInvalidTokenPromptly() {
		// the invalid-curve attack: an epk not on P-256 would leak the private key bit by bit
		String header = "{\"alg\":\"ECDH-ES\",\"enc\":\"A128GCM\",\"epk\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\""
				+ TokenForge.encode(TokenForge.bytes(32, 8)) + "\",\"y\":\"" + TokenForge.encode(TokenForge.bytes(32, 9))
				+ "\"}}";
		String jwe = TokenForge.encode(header) + ".." + TokenForge.encode(TokenForge.bytes(12, 10)) + "."
				+ TokenForge.encode("{}") + "." + TokenForge.encode(TokenForge.bytes(16, 11));

		Attacker.within(PROMPTLY, () -> {
			this.attacker.assertAccessRejected(jwe);
			return null;
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"A128GCM\"", "\"A256GCM\"", "\"\"", "null", "{}" })
	void meWhenJwsCarriesEncHeaderThenInvalidToken(String enc) {
		this.attacker.assertAccessRejected(this.forgery.access().header("enc", enc).signed());
	}

	@Test
	void refreshWhenLiveRefreshTokenInsideJweThenInvalidToken() {
		this.attacker.assertRefreshAttackFails((draft) -> Jwts.builder()
			.header().contentType("JWT").and()
			.content(draft.signed().getBytes(StandardCharsets.US_ASCII), "JWT")
			.encryptWith(new SecretKeySpec(prefix(draft.key(), 32), "AES"), Jwts.ENC.A256GCM)
			.compact());
	}

	@Test
	void refreshWhenRefreshClaimsEncryptedWithKeyFromRefreshKeyThenInvalidToken() {
		this.attacker.assertRefreshAttackFails((draft) -> Jwts.builder()
			.header().type("rt+jwt").keyId(this.forgery.keyId()).and()
			.claims(claims(draft))
			.encryptWith(new SecretKeySpec(prefix(draft.key(), 16), "AES"), Jwts.ENC.A128GCM)
			.compact());
	}

	@Test
	void refreshWhenJwsCarriesEncHeaderThenInvalidToken() {
		this.attacker.assertRefreshAttackFails((draft) -> draft.header("enc", str("A256GCM")).signed());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> claims(Draft draft) {
		return JSON.readValue(draft.claimsJson(), LinkedHashMap.class);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> header(String jwe) {
		return JSON.readValue(Base64.getUrlDecoder().decode(TokenForge.segments(jwe)[0]), LinkedHashMap.class);
	}

	/** The first bytes of the key, as a careless server would cut an HMAC key to an AES one. */
	private static byte[] prefix(byte[] key, int length) {
		return (key.length >= length) ? Arrays.copyOf(key, length) : digest(key, length);
	}

	/** SHA-512 of the key, cut to length: another plausible derivation. */
	private static byte[] digest(byte[] key, int length) {
		try {
			return Arrays.copyOf(MessageDigest.getInstance("SHA-512").digest(key), length);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
