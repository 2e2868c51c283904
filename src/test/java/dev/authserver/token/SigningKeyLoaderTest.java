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
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;


import dev.authserver.verification.InvalidTokenException;
import dev.authserver.verification.TokenIds;

import static dev.authserver.token.TokenForge.object;
import static dev.authserver.token.TokenForge.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Where the signing keys come from (docs/operations.md); bad settings fail without showing the secret. */
class SigningKeyLoaderTest {

	private static final Instant NOW = Instant.parse("2025-01-15T10:00:00Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	private static final UUID ALICE = UUID.fromString("3f1c9a52-7d4e-4b8a-9c61-2e5f0d7a8b19");

	private static final String SECRET = Base64.getEncoder().encodeToString(TokenForge.bytes(32, 3));

	@TempDir
	Path dir;

	@Test
	void loadWhenNoSecretThenOwnerOnlyKeyFileGenerated() throws IOException {
		// a folder that does not exist yet, as ./data/ on a first start
		Path keyFile = this.dir.resolve("data").resolve("jwt-signing.key");

		SigningKeys keys = SigningKeyLoader.load(properties(null, keyFile));

		assertThat(keyFile).isRegularFile();
		assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		byte[] stored = Base64.getDecoder().decode(Files.readString(keyFile, StandardCharsets.US_ASCII));
		assertThat(stored).hasSize(32);
		assertThat(keys.accessKey().getEncoded()).isEqualTo(stored);
		// the temporary file it was written through is gone
		try (Stream<Path> files = Files.list(keyFile.getParent())) {
			assertThat(files).containsExactly(keyFile);
		}
	}

	@Test
	void loadWhenKeyFileGeneratedThenSecondLoadReturnsSameKey() throws IOException {
		Path keyFile = this.dir.resolve("jwt-signing.key");
		SigningKeys first = SigningKeyLoader.load(properties(null, keyFile));
		String stored = Files.readString(keyFile);

		SigningKeys second = SigningKeyLoader.load(properties(null, keyFile));

		assertThat(second.keyId()).isEqualTo(first.keyId());
		assertThat(second.accessKey().getEncoded()).isEqualTo(first.accessKey().getEncoded());
		assertThat(Files.readString(keyFile)).isEqualTo(stored);
	}

	@Test
	void loadWhenNoSecretInTwoFoldersThenDifferentRandomKeys() {
		SigningKeys first = SigningKeyLoader.load(properties(null, this.dir.resolve("a/jwt-signing.key")));
		SigningKeys second = SigningKeyLoader.load(properties(null, this.dir.resolve("b/jwt-signing.key")));

		assertThat(second.keyId()).isNotEqualTo(first.keyId());
		assertThat(second.accessKey().getEncoded()).isNotEqualTo(first.accessKey().getEncoded());
	}

	@Test
	void loadWhenSecretConfiguredThenSecretWinsOverKeyFile() throws IOException {
		Path keyFile = this.dir.resolve("jwt-signing.key");
		String fileKey = Base64.getEncoder().encodeToString(TokenForge.bytes(32, 8));
		Files.writeString(keyFile, fileKey);

		SigningKeys keys = SigningKeyLoader.load(properties(SECRET, keyFile));

		assertThat(keys.keyId()).isEqualTo(SigningKeys.of(Base64.getDecoder().decode(SECRET)).keyId())
			.isNotEqualTo(SigningKeys.of(Base64.getDecoder().decode(fileKey)).keyId());
		assertThat(keys.accessKey().getEncoded()).isEqualTo(Base64.getDecoder().decode(SECRET));
		assertThat(Files.readString(keyFile)).isEqualTo(fileKey);
	}

	@Test
	void loadWhenSecretConfiguredThenNoKeyFileWritten() {
		Path keyFile = this.dir.resolve("jwt-signing.key");

		SigningKeyLoader.load(properties(SECRET, keyFile));

		assertThat(keyFile).doesNotExist();
	}

	@Test
	void loadWhenSecretInBase64UrlAlphabetThenSameKeyAsStandardAlphabet() {
		byte[] material = new byte[32];
		java.util.Arrays.fill(material, (byte) 0xFB);
		String standard = Base64.getEncoder().encodeToString(material);
		String url = Base64.getUrlEncoder().withoutPadding().encodeToString(material);
		assertThat(url).contains("-").contains("_");

		SigningKeys fromStandard = SigningKeyLoader.load(properties(standard, this.dir.resolve("k")));
		SigningKeys fromUrl = SigningKeyLoader.load(properties(url, this.dir.resolve("k")));

		assertThat(fromUrl.keyId()).isEqualTo(fromStandard.keyId());
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 16, 31 })
	void loadWhenSecretShorterThan32BytesThenFailsNamingPropertyWithoutSecret(int length) {
		String secret = Base64.getEncoder().encodeToString(TokenForge.bytes(length, 4));

		assertRejected(properties(secret, this.dir.resolve("k")), "auth.jwt.secret", secret);
	}

	@ParameterizedTest
	@ValueSource(strings = { "this is a passphrase, not base64 at all",
			"c2VjcmV0!c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0", "=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "A" })
	void loadWhenSecretNotBase64ThenFailsNamingPropertyWithoutSecret(String secret) {
		assertRejected(properties(secret, this.dir.resolve("k")), "auth.jwt.secret", secret);
	}

	static Stream<Arguments> nonPositiveLifetimes() {
		return Stream.of(Arguments.of("auth.jwt.access-token-ttl", Duration.ZERO, Duration.ofDays(14)),
				Arguments.of("auth.jwt.access-token-ttl", Duration.ofMinutes(-15), Duration.ofDays(14)),
				Arguments.of("auth.jwt.refresh-token-ttl", Duration.ofMinutes(15), Duration.ZERO),
				Arguments.of("auth.jwt.refresh-token-ttl", Duration.ofMinutes(15), Duration.ofSeconds(-1)));
	}

	@ParameterizedTest
	@MethodSource("nonPositiveLifetimes")
	void loadWhenTokenLifetimeNotPositiveThenFailsNamingProperty(String property, Duration access, Duration refresh) {
		JwtProperties properties = new JwtProperties(SECRET, this.dir.resolve("k"), "auth-server", "api", access,
				refresh, Duration.ofSeconds(30), Duration.ofSeconds(5));

		assertRejected(properties, property, SECRET);
	}

	@Test
	void loadWhenClockSkewNegativeThenFailsNamingProperty() {
		JwtProperties properties = new JwtProperties(SECRET, this.dir.resolve("k"), "auth-server", "api",
				Duration.ofMinutes(15), Duration.ofDays(14), Duration.ofSeconds(-1), Duration.ofSeconds(5));

		assertRejected(properties, "auth.jwt.clock-skew", SECRET);
	}

	@Test
	void loadWhenRefreshReuseGraceNegativeThenFailsNamingProperty() {
		JwtProperties properties = new JwtProperties(SECRET, this.dir.resolve("k"), "auth-server", "api",
				Duration.ofMinutes(15), Duration.ofDays(14), Duration.ofSeconds(30), Duration.ofSeconds(-1));

		assertRejected(properties, "auth.jwt.refresh-reuse-grace", SECRET);
	}

	@ParameterizedTest
	@ValueSource(strings = { "c2hvcnQta2V5", "not a key file at all!" })
	void loadWhenKeyFileHoldsNoUsableKeyThenFailsNamingPropertyWithoutContent(String content) throws IOException {
		Path keyFile = this.dir.resolve("jwt-signing.key");
		Files.writeString(keyFile, content);

		assertRejected(properties(null, keyFile), "auth.jwt.key-file", content);
	}

	@Test
	void loadWhenLoadedThenRefreshKeyDiffersFromAccessKey() {
		SigningKeys keys = SigningKeyLoader.load(properties(SECRET, this.dir.resolve("k")));

		assertThat(keys.refreshKey().getEncoded()).isNotEqualTo(keys.accessKey().getEncoded());
		// derived, so it is the same on every instance that shares the secret
		assertThat(SigningKeyLoader.load(properties(SECRET, this.dir.resolve("k"))).refreshKey().getEncoded())
			.isEqualTo(keys.refreshKey().getEncoded());
	}

	@Test
	void verifyWhenSignedWithTheOtherKindsKeyThenInvalid() {
		SigningKeys keys = SigningKeyLoader.load(properties(SECRET, this.dir.resolve("k")));
		AccessTokens accessTokens = new AccessTokens(keys, properties(SECRET, this.dir.resolve("k")), CLOCK);
		RefreshTokens refreshTokens = new RefreshTokens(keys, properties(SECRET, this.dir.resolve("k")), CLOCK);
		String accessHeader = object(header(keys, "at+jwt"));
		String accessClaims = object(accessClaims());
		String refreshHeader = object(header(keys, "rt+jwt"));
		String refreshClaims = object(refreshClaims());

		// positive controls: each verifies with its own key
		assertThat(accessTokens.verify(TokenForge.sign(accessHeader, accessClaims, keys.accessKey().getEncoded()))
			.userId()).isEqualTo(ALICE);
		assertThat(refreshTokens.verify(TokenForge.sign(refreshHeader, refreshClaims, keys.refreshKey().getEncoded()))
			.userId()).isEqualTo(ALICE);

		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> accessTokens
			.verify(TokenForge.sign(accessHeader, accessClaims, keys.refreshKey().getEncoded())));
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> refreshTokens
			.verify(TokenForge.sign(refreshHeader, refreshClaims, keys.accessKey().getEncoded())));
	}

	// helpers

	private static JwtProperties properties(String secret, Path keyFile) {
		return new JwtProperties(secret, keyFile, "auth-server", "api", Duration.ofMinutes(15), Duration.ofDays(14),
				Duration.ofSeconds(30), Duration.ofSeconds(5));
	}

	private static void assertRejected(JwtProperties properties, String property, String secret) {
		assertThatExceptionOfType(InvalidTokenSettingsException.class)
			.isThrownBy(() -> SigningKeyLoader.load(properties))
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo(property);
				assertThat(ex.getMessage()).contains(property).doesNotContain(secret.strip());
			});
	}

	private static LinkedHashMap<String, String> header(SigningKeys keys, String typ) {
		return TokenForge.header(typ, keys.keyId());
	}

	private static LinkedHashMap<String, String> accessClaims() {
		var claims = commonClaims("api");
		claims.put("jti", string(TokenIds.forSession(UUID.randomUUID())));
		claims.put("preferred_username", string("alice"));
		claims.put("roles", "[\"USER\"]");
		return claims;
	}

	private static LinkedHashMap<String, String> refreshClaims() {
		var claims = commonClaims("auth-server");
		claims.put("sid", string(UUID.randomUUID().toString()));
		return claims;
	}

	private static LinkedHashMap<String, String> commonClaims(String audience) {
		var claims = new LinkedHashMap<String, String>();
		claims.put("iss", string("auth-server"));
		claims.put("sub", string(ALICE.toString()));
		claims.put("aud", string(audience));
		claims.put("iat", String.valueOf(NOW.getEpochSecond() - 60));
		claims.put("exp", String.valueOf(NOW.getEpochSecond() + 840));
		claims.put("jti", string("token-1"));
		return claims;
	}

}
