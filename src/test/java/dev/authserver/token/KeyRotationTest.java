package dev.authserver.token;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.authserver.verification.InvalidTokenException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Keys rotate without logging anyone out (docs/operations.md). */
class KeyRotationTest {

	private static final String OLD = Base64.getEncoder().encodeToString(bytes(1));

	private static final String NEW = Base64.getEncoder().encodeToString(bytes(2));

	private static final UUID USER = UUID.randomUUID();

	private static final UUID SESSION = UUID.randomUUID();

	@Test
	void rotateWhenNewKeyActiveThenOldTokensStillVerifyAndNewOnesCarryNewKid() {
		AccessTokens before = tokens(List.of(new JwtProperties.Key("k1", OLD)), "k1", null);
		String old = before.issue(USER, "alice", List.of("USER"), SESSION).value();

		AccessTokens after = tokens(List.of(new JwtProperties.Key("k1", OLD), new JwtProperties.Key("k2", NEW)), "k2",
				null);
		assertThat(after.verify(old).userId()).isEqualTo(USER);
		String fresh = after.issue(USER, "alice", List.of("USER"), SESSION).value();
		assertThat(header(fresh)).contains("\"kid\":\"k2\"");
		assertThat(after.verify(fresh).userId()).isEqualTo(USER);
		// once k1 is dropped, its tokens are refused
		AccessTokens later = tokens(List.of(new JwtProperties.Key("k2", NEW)), "k2", null);
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> later.verify(old));
	}

	@Test
	void rotateWhenMovingFromSingleSecretToNamedKeysThenOldTokensStillVerify() {
		JwtProperties single = properties(OLD, List.of(), null);
		AccessTokens before = new AccessTokens(SigningKeyLoader.load(single), single, Clock.systemUTC());
		String old = before.issue(USER, "alice", List.of("USER"), SESSION).value();

		AccessTokens after = tokens(List.of(new JwtProperties.Key("k2", NEW)), "k2", OLD);
		assertThat(after.verify(old).userId()).isEqualTo(USER);
		assertThat(header(after.issue(USER, "alice", List.of("USER"), SESSION).value())).contains("\"kid\":\"k2\"");
	}

	@Test
	void loadWhenKeysMisconfiguredThenFailsNamingTheProperty() {
		assertRejected(List.of(new JwtProperties.Key("k1", OLD), new JwtProperties.Key("k2", NEW)), null,
				"auth.jwt.active-key-id");
		assertRejected(List.of(new JwtProperties.Key("k1", OLD)), "k9", "auth.jwt.active-key-id");
		assertRejected(List.of(new JwtProperties.Key("k1", "c2hvcnQ=")), "k1", "auth.jwt.keys[0].secret");
		assertRejected(List.of(new JwtProperties.Key("k 1", OLD)), "k 1", "auth.jwt.keys[0].id");
		assertRejected(List.of(new JwtProperties.Key("k1", OLD), new JwtProperties.Key("k1", NEW)), "k1",
				"auth.jwt.keys[1].id");
	}

	@Test
	void verifyWhenKidUnknownThenInvalid() {
		AccessTokens signer = tokens(List.of(new JwtProperties.Key("k9", OLD)), "k9", null);
		String token = signer.issue(USER, "alice", List.of("USER"), SESSION).value();
		AccessTokens verifier = tokens(List.of(new JwtProperties.Key("k1", OLD)), "k1", null);
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> verifier.verify(token));
	}

	private static void assertRejected(List<JwtProperties.Key> keys, String active, String property) {
		assertThatExceptionOfType(InvalidTokenSettingsException.class)
			.isThrownBy(() -> SigningKeyLoader.load(properties(null, keys, active)))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo(property))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(OLD).doesNotContain(NEW));
	}

	private static AccessTokens tokens(List<JwtProperties.Key> keys, String active, String secret) {
		JwtProperties properties = properties(secret, keys, active);
		return new AccessTokens(SigningKeyLoader.load(properties), properties, Clock.systemUTC());
	}

	private static JwtProperties properties(String secret, List<JwtProperties.Key> keys, String active) {
		return new JwtProperties(secret, Path.of("unused.key"), "auth-server", "api", Duration.ofMinutes(15),
				Duration.ofDays(14), Duration.ofSeconds(30), Duration.ofSeconds(5), keys, active);
	}

	private static String header(String token) {
		return new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
	}

	private static byte[] bytes(int seed) {
		byte[] bytes = new byte[32];
		java.util.Arrays.fill(bytes, (byte) seed);
		return bytes;
	}

}
