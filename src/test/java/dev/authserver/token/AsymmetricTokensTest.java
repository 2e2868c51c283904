package dev.authserver.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
 * Access tokens signed by EdDSA and ES256 key pairs (docs/tokens.md): keys configured as PEM
 * or generated and kept, rotation by {@code kid}, public halves only in the JWKs, the rules of
 * every token for these algorithms too, and refresh tokens that stay HS256.
 */
class AsymmetricTokensTest {

	private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	private static final String SECRET = "dGVzdC1vbmx5LWtleS10ZXN0LW9ubHkta2V5LXRlc3Qtb25seS1rZXk=";

	@TempDir
	Path dir;

	@ParameterizedTest
	@EnumSource(value = SigningAlgorithm.class, names = { "EdDSA", "ES256" })
	void loadWhenNoKeyConfiguredThenPairGeneratedOwnerOnlyAndReused(SigningAlgorithm algorithm) throws IOException {
		SigningKeys first = SigningKeyLoader.load(properties(algorithm, List.of(), null));
		Path file = this.dir.resolve("jwt-" + algorithm.jwsName().toLowerCase() + ".pem");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
		SigningKeys second = SigningKeyLoader.load(properties(algorithm, List.of(), null));
		assertThat(second.accessKeyId()).isEqualTo(first.accessKeyId());
		assertThat(second.publicJwks()).isEqualTo(first.publicJwks());
		// the refresh-token key is the HMAC one, generated beside it
		assertThat(this.dir.resolve("jwt-signing.key")).exists();
	}

	@ParameterizedTest
	@EnumSource(value = SigningAlgorithm.class, names = { "EdDSA", "ES256" })
	void tokensWhenSignedThenVerifyAndJwksHoldsThePublicHalfOnly(SigningAlgorithm algorithm) {
		KeyPair pair = PemKeys.generate(algorithm);
		SigningKeys keys = SigningKeyLoader
			.load(properties(algorithm, List.of(new JwtProperties.Key("k1", null, PemKeys.pem(pair.getPrivate()))), SECRET));
		AccessTokens tokens = new AccessTokens(keys, properties(algorithm, List.of(), SECRET), CLOCK);
		String token = tokens.issue(UUID.randomUUID(), "alice", List.of("USER"), UUID.randomUUID(), NOW).value();

		assertThat(headerOf(token)).contains("\"alg\":\"" + algorithm.jwsName() + "\"").contains("\"kid\":\"k1\"");
		assertThat(tokens.verify(token).username()).isEqualTo("alice");
		assertThat(keys.publicJwks()).singleElement().satisfies((jwk) -> {
			assertThat(jwk).containsEntry("kid", "k1")
				.containsEntry("alg", algorithm.jwsName())
				.containsEntry("use", "sig")
				.containsKeys("kty", "crv", "x")
				.doesNotContainKey("d");
			if (algorithm == SigningAlgorithm.ES256) {
				assertThat(jwk).containsEntry("kty", "EC").containsEntry("crv", "P-256").containsKey("y");
			}
		});
		RefreshTokens refresh = new RefreshTokens(keys, properties(algorithm, List.of(), SECRET), CLOCK);
		String refreshToken = refresh.issue("jti", UUID.randomUUID(), UUID.randomUUID(), NOW, NOW.plusSeconds(60));
		assertThat(headerOf(refreshToken)).contains("\"alg\":\"HS256\"");
		assertThat(refresh.verify(refreshToken).tokenId()).isEqualTo("jti");
	}

	@ParameterizedTest
	@EnumSource(value = SigningAlgorithm.class, names = { "EdDSA", "ES256" })
	void verifyWhenAnotherAlgorithmOrThePublicKeyAsHmacSecretThenInvalid(SigningAlgorithm algorithm) {
		KeyPair pair = PemKeys.generate(algorithm);
		SigningKeys keys = SigningKeyLoader
			.load(properties(algorithm, List.of(new JwtProperties.Key("k1", null, PemKeys.pem(pair.getPrivate()))), SECRET));
		AccessTokens tokens = new AccessTokens(keys, properties(algorithm, List.of(), SECRET), CLOCK);
		String claims = object(claims());

		// the public key's encodings, and the refresh HMAC key, used as HMAC secrets
		for (byte[] secret : List.of(pair.getPublic().getEncoded(), keys.refreshKey().getEncoded(),
				keys.accessKey().getEncoded())) {
			String forged = TokenForge.sign(object(header("HS256")), claims, secret);
			assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> tokens.verify(forged));
		}
		SigningAlgorithm other = (algorithm == SigningAlgorithm.EdDSA) ? SigningAlgorithm.ES256 : SigningAlgorithm.EdDSA;
		String otherAlgorithm = TokenForge.sign(object(header(other.jwsName())), claims,
				PemKeys.generate(other).getPrivate(), other);
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> tokens.verify(otherAlgorithm));
		// the control: the same claims signed as the server would pass
		assertThat(tokens.verify(TokenForge.sign(object(header(algorithm.jwsName())), claims, pair.getPrivate(), algorithm))
			.username()).isEqualTo("alice");
	}

	@ParameterizedTest
	@EnumSource(value = SigningAlgorithm.class, names = { "EdDSA", "ES256" })
	void verifyWhenARuleOfEveryTokenIsBrokenThenInvalid(SigningAlgorithm algorithm) {
		KeyPair pair = PemKeys.generate(algorithm);
		SigningKeys keys = SigningKeyLoader
			.load(properties(algorithm, List.of(new JwtProperties.Key("k1", null, PemKeys.pem(pair.getPrivate()))), SECRET));
		AccessTokens tokens = new AccessTokens(keys, properties(algorithm, List.of(), SECRET), CLOCK);
		String alg = algorithm.jwsName();
		Map<String, String> wrongType = header(alg);
		wrongType.put("typ", string("JWT"));
		Map<String, String> critical = header(alg);
		critical.put("crit", "[]");
		Map<String, String> expiredClaims = claims();
		expiredClaims.put("exp", Long.toString(NOW.minusSeconds(120).getEpochSecond()));
		Map<String, String> foreignIssuer = claims();
		foreignIssuer.put("iss", string("somebody-else"));
		Map<String, String> tooLong = claims();
		tooLong.put("exp", Long.toString(NOW.plus(Duration.ofHours(1)).getEpochSecond()));
		for (String forged : List.of(TokenForge.sign(object(wrongType), object(claims()), pair.getPrivate(), algorithm),
				TokenForge.sign(object(critical), object(claims()), pair.getPrivate(), algorithm),
				TokenForge.sign(object(header(alg)), object(expiredClaims), pair.getPrivate(), algorithm),
				TokenForge.sign(object(header(alg)), object(foreignIssuer), pair.getPrivate(), algorithm),
				TokenForge.sign(object(header(alg)), object(tooLong), pair.getPrivate(), algorithm),
				TokenForge.sign(object(header(alg)), object(claims()).replace("{", "{\"sub\":\"dup\","), pair.getPrivate(),
						algorithm),
				TokenForge.sign(object(header(alg)), object(claims()), pair.getPrivate(), algorithm) + "A")) {
			assertThatExceptionOfType(InvalidTokenException.class).as(forged).isThrownBy(() -> tokens.verify(forged));
		}
	}

	@ParameterizedTest
	@EnumSource(value = SigningAlgorithm.class, names = { "EdDSA", "ES256" })
	void rotateWhenNewKeyActiveThenOldTokensVerifyUntilTheirKeyIsDropped(SigningAlgorithm algorithm) {
		JwtProperties.Key old = new JwtProperties.Key("old", null, PemKeys.pem(PemKeys.generate(algorithm).getPrivate()));
		JwtProperties.Key fresh = new JwtProperties.Key("new", null,
				PemKeys.pem(PemKeys.generate(algorithm).getPrivate()));
		AccessTokens before = tokens(algorithm, List.of(old), "old");
		String token = before.issue(UUID.randomUUID(), "alice", List.of("USER"), UUID.randomUUID(), NOW).value();

		AccessTokens during = tokens(algorithm, List.of(old, fresh), "new");
		assertThat(during.verify(token).username()).isEqualTo("alice");
		assertThat(headerOf(during.issue(UUID.randomUUID(), "bob", List.of("USER"), UUID.randomUUID(), NOW).value()))
			.contains("\"kid\":\"new\"");

		AccessTokens after = tokens(algorithm, List.of(fresh), "new");
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> after.verify(token));
	}

	@ParameterizedTest
	@EnumSource(value = SigningAlgorithm.class, names = { "EdDSA", "ES256" })
	void switchFromNamedHmacKeysThenRefreshTokensStillVerifyAndTheirKeyRotates(SigningAlgorithm algorithm) {
		String oldSecret = SECRET;
		String newSecret = "bmV3LXJlZnJlc2gta2V5LW5ldy1yZWZyZXNoLWtleS1uZXctcmVmcmVzaA==";
		JwtProperties.Key hmacOnly = new JwtProperties.Key("2026-11", oldSecret, null);
		RefreshTokens before = refreshTokens(SigningAlgorithm.HS256, List.of(hmacOnly), "2026-11");
		String issued = before.issue("jti-1", UUID.randomUUID(), UUID.randomUUID(), NOW, NOW.plusSeconds(600));

		// the same named HMAC key beside a key pair: refresh tokens of before verify, and it signs the next
		JwtProperties.Key pair = new JwtProperties.Key("pair-1", null, PemKeys.pem(PemKeys.generate(algorithm).getPrivate()));
		RefreshTokens moved = refreshTokens(algorithm, List.of(hmacOnly, pair), "pair-1");
		assertThat(moved.verify(issued).tokenId()).isEqualTo("jti-1");
		assertThat(headerOf(moved.issue("jti-2", UUID.randomUUID(), UUID.randomUUID(), NOW, NOW.plusSeconds(600))))
			.contains("\"kid\":\"2026-11\"");

		// a new entry with both a secret and a key pair, made active: it signs both kinds
		JwtProperties.Key both = new JwtProperties.Key("2026-12", newSecret, PemKeys.pem(PemKeys.generate(algorithm).getPrivate()));
		RefreshTokens rotated = refreshTokens(algorithm, List.of(hmacOnly, pair, both), "2026-12");
		assertThat(rotated.verify(issued).tokenId()).isEqualTo("jti-1");
		assertThat(headerOf(rotated.issue("jti-3", UUID.randomUUID(), UUID.randomUUID(), NOW, NOW.plusSeconds(600))))
			.contains("\"kid\":\"2026-12\"");
		assertThat(headerOf(tokens(algorithm, List.of(hmacOnly, pair, both), "2026-12")
			.issue(UUID.randomUUID(), "alice", List.of("USER"), UUID.randomUUID(), NOW)
			.value())).contains("\"kid\":\"2026-12\"");

		// once the old secret is dropped, its refresh tokens end
		RefreshTokens dropped = refreshTokens(algorithm, List.of(pair, both), "2026-12");
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> dropped.verify(issued));
		// an active id that no key has stops the start
		assertThatExceptionOfType(InvalidTokenSettingsException.class)
			.isThrownBy(() -> refreshTokens(algorithm, List.of(hmacOnly, pair), "nobody"))
			.withMessageContaining("auth.jwt.active-key-id");
	}

	private RefreshTokens refreshTokens(SigningAlgorithm algorithm, List<JwtProperties.Key> keys, String active) {
		JwtProperties properties = new JwtProperties(null, this.dir.resolve("jwt-signing.key"), "auth-server", "api",
				Duration.ofMinutes(15), Duration.ofDays(14), Duration.ofSeconds(30), Duration.ofSeconds(5), keys,
				active, algorithm);
		return new RefreshTokens(SigningKeyLoader.load(properties), properties, CLOCK);
	}

	@ParameterizedTest
	@EnumSource(value = SigningAlgorithm.class, names = { "EdDSA", "ES256" })
	void loadWhenPrivateKeyUnreadableThenFailsNamingPropertyNeverTheKey(SigningAlgorithm algorithm) {
		String hs = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIBogusBogusBogusBogusBogusBogusBogusBogus\n-----END PRIVATE KEY-----";
		for (String bad : List.of("not a pem at all", hs)) {
			assertThatExceptionOfType(InvalidTokenSettingsException.class)
				.isThrownBy(() -> SigningKeyLoader
					.load(properties(algorithm, List.of(new JwtProperties.Key("k1", null, bad)), SECRET)))
				.satisfies((ex) -> assertThat(ex.getMessage()).contains("auth.jwt.keys[0].private-key")
					.doesNotContain("BogusBogus")
					.doesNotContain("not a pem"));
		}
	}

	@ParameterizedTest
	@EnumSource(value = SigningAlgorithm.class, names = { "EdDSA", "ES256" })
	void loadWhenKeyOfAnotherCurveOrAlgorithmThenFailsAtStart(SigningAlgorithm algorithm) throws Exception {
		java.security.KeyPairGenerator p384 = java.security.KeyPairGenerator.getInstance("EC");
		p384.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
		SigningAlgorithm other = (algorithm == SigningAlgorithm.EdDSA) ? SigningAlgorithm.ES256 : SigningAlgorithm.EdDSA;
		List<String> wrong = List.of(PemKeys.pem(p384.generateKeyPair().getPrivate()),
				PemKeys.pem(java.security.KeyPairGenerator.getInstance("Ed448").generateKeyPair().getPrivate()),
				PemKeys.pem(PemKeys.generate(other).getPrivate()));
		for (String pem : wrong) {
			assertThatExceptionOfType(InvalidTokenSettingsException.class)
				.isThrownBy(() -> SigningKeyLoader
					.load(properties(algorithm, List.of(new JwtProperties.Key("k1", null, pem)), SECRET)))
				.withMessageContaining("auth.jwt.keys[0].private-key");
		}
	}

	@ParameterizedTest
	@EnumSource(value = SigningAlgorithm.class, names = { "EdDSA", "ES256" })
	void loadWhenGeneratedKeyReadableByOthersThenFails(SigningAlgorithm algorithm) throws IOException {
		SigningKeyLoader.load(properties(algorithm, List.of(), SECRET));
		Path file = this.dir.resolve("jwt-" + algorithm.jwsName().toLowerCase() + ".pem");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		assertThatExceptionOfType(InvalidTokenSettingsException.class)
			.isThrownBy(() -> SigningKeyLoader.load(properties(algorithm, List.of(), SECRET)))
			.withMessageContaining("readable by others")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(Files.readString(file).substring(30, 60)));
	}

	private AccessTokens tokens(SigningAlgorithm algorithm, List<JwtProperties.Key> keys, String active) {
		JwtProperties properties = new JwtProperties(SECRET, this.dir.resolve("jwt-signing.key"), "auth-server", "api",
				Duration.ofMinutes(15), Duration.ofDays(14), Duration.ofSeconds(30), Duration.ofSeconds(5), keys,
				active, algorithm);
		return new AccessTokens(SigningKeyLoader.load(properties), properties, CLOCK);
	}

	private JwtProperties properties(SigningAlgorithm algorithm, List<JwtProperties.Key> keys, String secret) {
		return new JwtProperties(secret, this.dir.resolve("jwt-signing.key"), "auth-server", "api",
				Duration.ofMinutes(15), Duration.ofDays(14), Duration.ofSeconds(30), Duration.ofSeconds(5), keys, null,
				algorithm);
	}

	private static Map<String, String> header(String alg) {
		Map<String, String> header = new LinkedHashMap<>();
		header.put("alg", string(alg));
		header.put("typ", string("at+jwt"));
		header.put("kid", string("k1"));
		return header;
	}

	private static Map<String, String> claims() {
		Map<String, String> claims = new LinkedHashMap<>();
		claims.put("iss", string("auth-server"));
		claims.put("sub", string(UUID.randomUUID().toString()));
		claims.put("aud", string("api"));
		claims.put("iat", Long.toString(NOW.getEpochSecond()));
		claims.put("exp", Long.toString(NOW.plus(Duration.ofMinutes(15)).getEpochSecond()));
		claims.put("jti", string(TokenIds.forSession(UUID.randomUUID())));
		claims.put("preferred_username", string("alice"));
		claims.put("roles", "[\"USER\"]");
		return claims;
	}

	private static String headerOf(String token) {
		return new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
	}

}
