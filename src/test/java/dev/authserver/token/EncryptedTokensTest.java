package dev.authserver.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.authserver.verification.InvalidTokenException;
import dev.authserver.verification.SigningAlgorithm;
import dev.authserver.verification.TokenIds;

import static dev.authserver.token.TokenForge.object;
import static dev.authserver.token.TokenForge.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Encrypted access tokens (docs/tokens.md): with {@code auth.jwt.encryption=dir} an access
 * token is the signed token inside a JWE ({@code alg: dir}, {@code enc: A256GCM},
 * {@code cty: JWT}); the inner token keeps every rule, a plain JWS is refused, and the JWE's
 * own header admits nothing else.
 */
class EncryptedTokensTest {

	private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	private static final String SECRET = "dGVzdC1vbmx5LWtleS10ZXN0LW9ubHkta2V5LXRlc3Qtb25seS1rZXk=";

	private static final byte[] ENCRYPTION_KEY = TokenForge.bytes(32, 11);

	@TempDir
	Path dir;

	@ParameterizedTest
	@EnumSource(SigningAlgorithm.class)
	void issueWhenEncryptionOnThenNestedJwtThatVerifiesAndHidesItsClaims(SigningAlgorithm algorithm) {
		AccessTokens tokens = tokens(algorithm, JwtProperties.Encryption.DIR);
		String token = tokens.issue(UUID.randomUUID(), "alice", List.of("USER"), UUID.randomUUID(), NOW).value();

		String[] segments = TokenForge.segments(token);
		assertThat(segments).hasSize(5);
		assertThat(segments[1]).isEmpty();
		assertThat(json(segments[0])).contains("\"alg\":\"dir\"", "\"enc\":\"A256GCM\"", "\"cty\":\"JWT\"")
			.doesNotContain("zip");
		assertThat(new String(Base64.getUrlDecoder().decode(segments[3]), StandardCharsets.ISO_8859_1))
			.doesNotContain("alice")
			.doesNotContain("USER");
		assertThat(tokens.verify(token).username()).isEqualTo("alice");
		// the inner token is the one the server signs when encryption is off
		String inner = decrypt(token);
		assertThat(TokenForge.segments(inner)).hasSize(3);
		assertThat(json(TokenForge.segments(inner)[0])).contains("\"alg\":\"" + algorithm.jwsName() + "\"",
				"\"typ\":\"at+jwt\"");
		assertThat(tokens(algorithm, JwtProperties.Encryption.NONE).verify(inner).username()).isEqualTo("alice");
	}

	@ParameterizedTest
	@EnumSource(SigningAlgorithm.class)
	void verifyWhenEncryptionOnAndTokenOnlySignedThenInvalid(SigningAlgorithm algorithm) {
		String signed = tokens(algorithm, JwtProperties.Encryption.NONE)
			.issue(UUID.randomUUID(), "alice", List.of("USER"), UUID.randomUUID(), NOW)
			.value();
		AccessTokens encrypting = tokens(algorithm, JwtProperties.Encryption.DIR);

		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> encrypting.verify(signed));
		// the control: the same signed token inside a proper JWE passes
		assertThat(encrypting.verify(TokenForge.encrypt(object(jweHeader()), bytes(signed), ENCRYPTION_KEY)).username())
			.isEqualTo("alice");
	}

	@Test
	void verifyWhenEncryptionOffThenEncryptedTokenInvalid() {
		String encrypted = tokens(SigningAlgorithm.HS256, JwtProperties.Encryption.DIR)
			.issue(UUID.randomUUID(), "alice", List.of("USER"), UUID.randomUUID(), NOW)
			.value();

		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> tokens(SigningAlgorithm.HS256, JwtProperties.Encryption.NONE).verify(encrypted));
	}

	@Test
	void verifyWhenJweHeaderOrKeyOrTagIsWrongThenInvalid() {
		AccessTokens tokens = tokens(SigningAlgorithm.EdDSA, JwtProperties.Encryption.DIR);
		String token = tokens.issue(UUID.randomUUID(), "alice", List.of("USER"), UUID.randomUUID(), NOW).value();
		byte[] inner = bytes(decrypt(token));

		Map<String, String> zip = jweHeader();
		zip.put("zip", string("DEF"));
		Map<String, String> critical = jweHeader();
		critical.put("crit", "[\"exp\"]");
		Map<String, String> noContentType = jweHeader();
		noContentType.remove("cty");
		Map<String, String> jsonContent = jweHeader();
		jsonContent.put("cty", string("json"));
		Map<String, String> weakerEnc = jweHeader();
		weakerEnc.put("enc", string("A128GCM"));
		Map<String, String> keyWrap = jweHeader();
		keyWrap.put("alg", string("A256KW"));
		Map<String, String> embeddedKey = jweHeader();
		embeddedKey.put("jwk", "{\"kty\":\"oct\",\"k\":\"AAAA\"}");
		String good = TokenForge.encrypt(object(jweHeader()), inner, ENCRYPTION_KEY);
		String[] parts = TokenForge.segments(good);
		String flippedTag = parts[0] + ".." + parts[2] + "." + parts[3] + "."
				+ (parts[4].charAt(0) == 'A' ? 'B' : 'A') + parts[4].substring(1);

		for (String forged : List.of(TokenForge.encrypt(object(zip), inner, ENCRYPTION_KEY),
				TokenForge.encrypt(object(critical), inner, ENCRYPTION_KEY),
				TokenForge.encrypt(object(noContentType), inner, ENCRYPTION_KEY),
				TokenForge.encrypt(object(jsonContent), inner, ENCRYPTION_KEY),
				TokenForge.encrypt(object(weakerEnc), inner, TokenForge.bytes(16, 11)),
				TokenForge.encrypt(object(keyWrap), inner, ENCRYPTION_KEY),
				TokenForge.encrypt(object(embeddedKey), inner, ENCRYPTION_KEY),
				TokenForge.encrypt(object(jweHeader()), inner, TokenForge.bytes(32, 12)), flippedTag,
				// a JWE inside the JWE, and claims where the signed token belongs
				TokenForge.encrypt(object(jweHeader()), bytes(good), ENCRYPTION_KEY),
				TokenForge.encrypt(object(jweHeader()), bytes("{\"sub\":\"x\"}"), ENCRYPTION_KEY))) {
			assertThatExceptionOfType(InvalidTokenException.class).as(forged).isThrownBy(() -> tokens.verify(forged));
		}
		assertThat(tokens.verify(good).username()).isEqualTo("alice");
	}

	@Test
	void verifyWhenInnerTokenBreaksARuleThenInvalid() {
		AccessTokens tokens = tokens(SigningAlgorithm.EdDSA, JwtProperties.Encryption.DIR);
		java.security.PrivateKey key = PemKeys.pair(SigningAlgorithm.EdDSA, pem(SigningAlgorithm.EdDSA), "test").getPrivate();
		Map<String, String> header = new LinkedHashMap<>();
		header.put("alg", string("EdDSA"));
		header.put("typ", string("at+jwt"));
		header.put("kid", string("k1"));
		Map<String, String> claims = new LinkedHashMap<>();
		claims.put("iss", string("auth-server"));
		claims.put("sub", string(UUID.randomUUID().toString()));
		claims.put("aud", string("api"));
		claims.put("iat", Long.toString(NOW.minusSeconds(3600).getEpochSecond()));
		claims.put("exp", Long.toString(NOW.minusSeconds(2700).getEpochSecond()));
		claims.put("jti", string(TokenIds.forSession(UUID.randomUUID())));
		claims.put("preferred_username", string("alice"));
		claims.put("roles", "[\"USER\"]");
		String expired = TokenForge.sign(object(header), object(claims), key, SigningAlgorithm.EdDSA);
		claims.put("exp", Long.toString(NOW.plusSeconds(600).getEpochSecond()));
		claims.put("iat", Long.toString(NOW.getEpochSecond()));
		String alive = TokenForge.sign(object(header), object(claims), key, SigningAlgorithm.EdDSA);
		String unsigned = TokenForge.unsigned("{\"alg\":\"none\",\"typ\":\"at+jwt\"}", object(claims));

		String hmac = TokenForge.sign(object(TokenForge.header("at+jwt", "k1")), object(claims),
				Base64.getDecoder().decode(SECRET));
		for (String inner : List.of(expired, unsigned, hmac, alive + "A")) {
			String forged = TokenForge.encrypt(object(jweHeader()), bytes(inner), ENCRYPTION_KEY);
			assertThatExceptionOfType(InvalidTokenException.class).as(inner).isThrownBy(() -> tokens.verify(forged));
		}
		assertThat(tokens.verify(TokenForge.encrypt(object(jweHeader()), bytes(alive), ENCRYPTION_KEY)).username())
			.isEqualTo("alice");
	}

	@Test
	void loadWhenNoEncryptionKeyConfiguredThenGeneratedOwnerOnlyAndReused() throws IOException {
		AccessTokens first = new AccessTokens(SigningKeyLoader.load(properties(null)), properties(null), CLOCK);
		String token = first.issue(UUID.randomUUID(), "alice", List.of("USER"), UUID.randomUUID(), NOW).value();
		Path file = this.dir.resolve("jwt-encryption.key");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

		AccessTokens second = new AccessTokens(SigningKeyLoader.load(properties(null)), properties(null), CLOCK);
		assertThat(second.verify(token).username()).isEqualTo("alice");
		// a configured key wins over the file
		AccessTokens configured = tokens(SigningAlgorithm.HS256, JwtProperties.Encryption.DIR);
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> configured.verify(token));
	}

	@Test
	void loadWhenEncryptionKeyBadThenFailsNamingPropertyNeverTheKey() {
		String tooShort = Base64.getEncoder().encodeToString(TokenForge.bytes(16, 3));
		String tooLong = Base64.getEncoder().encodeToString(TokenForge.bytes(48, 3));
		for (String bad : List.of("not base64 at all!", tooShort, tooLong)) {
			assertThatExceptionOfType(InvalidTokenSettingsException.class)
				.isThrownBy(() -> SigningKeyLoader.load(properties(bad)))
				.satisfies((ex) -> assertThat(ex.getMessage()).contains("auth.jwt.encryption-key")
					.doesNotContain(bad)
					.doesNotContain(bad.substring(0, 12)));
		}
	}

	private AccessTokens tokens(SigningAlgorithm algorithm, JwtProperties.Encryption encryption) {
		List<JwtProperties.Key> keys = (algorithm == SigningAlgorithm.HS256) ? List.of()
				: List.of(new JwtProperties.Key("k1", null, pem(algorithm)));
		JwtProperties properties = new JwtProperties(SECRET, this.dir.resolve("jwt-signing.key"), "auth-server", "api",
				Duration.ofMinutes(15), Duration.ofDays(14), Duration.ofSeconds(30), Duration.ofSeconds(5), keys, null,
				algorithm, encryption, Base64.getEncoder().encodeToString(ENCRYPTION_KEY));
		return new AccessTokens(SigningKeyLoader.load(properties), properties, CLOCK);
	}

	private JwtProperties properties(String encryptionKey) {
		return new JwtProperties(SECRET, this.dir.resolve("jwt-signing.key"), "auth-server", "api",
				Duration.ofMinutes(15), Duration.ofDays(14), Duration.ofSeconds(30), Duration.ofSeconds(5), List.of(),
				null, SigningAlgorithm.HS256, JwtProperties.Encryption.DIR, encryptionKey);
	}

	/** One key pair per algorithm for the whole test, kept in the temporary folder. */
	private String pem(SigningAlgorithm algorithm) {
		Path file = this.dir.resolve("test-" + algorithm.jwsName() + ".pem");
		try {
			if (!Files.exists(file)) {
				Files.writeString(file, PemKeys.pem(PemKeys.generate(algorithm).getPrivate()));
			}
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, String> jweHeader() {
		Map<String, String> header = new LinkedHashMap<>();
		header.put("alg", string("dir"));
		header.put("enc", string("A256GCM"));
		header.put("cty", string("JWT"));
		return header;
	}

	/** The content of a compact JWE made with {@code dir} and AES-GCM under the test key. */
	private static String decrypt(String token) {
		String[] parts = TokenForge.segments(token);
		Base64.Decoder url = Base64.getUrlDecoder();
		try {
			javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(ENCRYPTION_KEY, "AES"),
					new javax.crypto.spec.GCMParameterSpec(128, url.decode(parts[2])));
			cipher.updateAAD(parts[0].getBytes(StandardCharsets.US_ASCII));
			byte[] ciphertext = url.decode(parts[3]);
			byte[] tag = url.decode(parts[4]);
			byte[] sealed = java.util.Arrays.copyOf(ciphertext, ciphertext.length + tag.length);
			System.arraycopy(tag, 0, sealed, ciphertext.length, tag.length);
			return new String(cipher.doFinal(sealed), StandardCharsets.US_ASCII);
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private static String json(String segment) {
		return new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8);
	}

}
