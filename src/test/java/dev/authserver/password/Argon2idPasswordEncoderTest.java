package dev.authserver.password;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native Argon2id encoder writes and reads the standard encoding, interchangeably with
 * Spring Security's own (BouncyCastle) encoder, which the server falls back to where the native
 * library cannot load, and whose hashes a database may already hold.
 */
class Argon2idPasswordEncoderTest {

	private static final String PASSWORD = "correct horse battery staple";

	/** Non-ASCII, with a character outside the BMP: both sides must hash the same UTF-8 bytes. */
	private static final String UNICODE_PASSWORD = "pässwörd-пароль-密码-\uD83D\uDD11-long-enough";

	private final Argon2idPasswordEncoder encoder = new Argon2idPasswordEncoder(19 * 1024, 2, 1);

	private final Argon2PasswordEncoder spring = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);

	@Test
	void encodeWritesArgon2idWithTheConfiguredCost() {
		String hash = this.encoder.encode(PASSWORD);

		assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
		assertThat(this.encoder.encode(PASSWORD)).isNotEqualTo(hash);
	}

	@Test
	void matchesWhenSamePasswordThenTrueAndOtherwiseFalse() {
		String hash = this.encoder.encode(PASSWORD);

		assertThat(this.encoder.matches(PASSWORD, hash)).isTrue();
		assertThat(this.encoder.matches(PASSWORD + " ", hash)).isFalse();
		assertThat(this.encoder.matches("Correct horse battery staple", hash)).isFalse();
	}

	@Test
	void matchesWhenPasswordsDifferAfterByte72ThenFalse() {
		String prefix = "a".repeat(72);
		String hash = this.encoder.encode(prefix + "one");

		assertThat(this.encoder.matches(prefix + "one", hash)).isTrue();
		assertThat(this.encoder.matches(prefix + "two", hash)).isFalse();
	}

	@Test
	void hashFromSpringSecurityEncoderThenMatches() {
		assertThat(this.encoder.matches(PASSWORD, this.spring.encode(PASSWORD))).isTrue();
		assertThat(this.encoder.matches(UNICODE_PASSWORD, this.spring.encode(UNICODE_PASSWORD))).isTrue();
		assertThat(this.encoder.matches(PASSWORD, this.spring.encode(UNICODE_PASSWORD))).isFalse();
	}

	@Test
	void hashForSpringSecurityEncoderThenMatches() {
		assertThat(this.spring.matches(PASSWORD, this.encoder.encode(PASSWORD))).isTrue();
		assertThat(this.spring.matches(UNICODE_PASSWORD, this.encoder.encode(UNICODE_PASSWORD))).isTrue();
		assertThat(this.spring.matches(PASSWORD, this.encoder.encode(UNICODE_PASSWORD))).isFalse();
	}

	@Test
	void matchesWhenHashMalformedThenFalse() {
		String hash = this.encoder.encode(PASSWORD);

		assertThat(this.encoder.matches(PASSWORD, "")).isFalse();
		assertThat(this.encoder.matches(PASSWORD, null)).isFalse();
		assertThat(this.encoder.matches(PASSWORD, "not a hash")).isFalse();
		assertThat(this.encoder.matches(PASSWORD, hash.substring(0, hash.length() - 4))).isFalse();
		assertThat(this.encoder.matches(PASSWORD, hash.replace("argon2id", "argon2i"))).isFalse();
		assertThat(this.encoder.matches(PASSWORD, hash.replace("m=19456", "m=x"))).isFalse();
	}

	@Test
	void upgradeEncodingWhenCostDiffersThenTrue() {
		Argon2idPasswordEncoder cheaper = new Argon2idPasswordEncoder(8 * 1024, 1, 1);

		assertThat(this.encoder.upgradeEncoding(this.encoder.encode(PASSWORD))).isFalse();
		assertThat(this.encoder.upgradeEncoding(cheaper.encode(PASSWORD))).isTrue();
		assertThat(this.encoder.upgradeEncoding("$argon2id$v=19$m=x,t=2,p=1$c2FsdA$aGFzaA")).isFalse();
		assertThat(this.encoder.upgradeEncoding("$argon2id$")).isFalse();
	}

	@Test
	void serverEncoderWhenArgon2ThenStoredWithItsId() {
		PasswordEncoder server = new PasswordConfiguration().passwordEncoder();

		String hash = server.encode(PASSWORD);

		assertThat(hash).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
		assertThat(server.matches(PASSWORD, hash)).isTrue();
		assertThat(server.matches(PASSWORD, "{argon2}" + this.spring.encode(PASSWORD))).isTrue();
	}

	@Test
	void serverEncoderWhenNativeLibraryMissingThenSpringSecurityEncoderWithTheSameHashes() {
		PasswordEncoder fallback = PasswordConfiguration.argon2(19 * 1024, 2, (memory, iterations, lanes) -> {
			throw new UnsatisfiedLinkError("Unable to load library 'argon2'");
		});

		assertThat(fallback).isInstanceOf(Argon2PasswordEncoder.class);
		String hash = fallback.encode(PASSWORD);
		assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
		assertThat(this.encoder.matches(PASSWORD, hash)).isTrue();
		assertThat(PasswordConfiguration.argon2(19 * 1024, 2)).isInstanceOf(Argon2idPasswordEncoder.class)
			.satisfies((encoder) -> assertThat(encoder.encode(PASSWORD)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$"));
	}

}
