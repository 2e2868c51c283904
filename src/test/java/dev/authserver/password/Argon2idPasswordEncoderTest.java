package dev.authserver.password;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Factory.Argon2Types;
import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;


import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

	@Test
	void matchesThroughTheContextAgreesWithTheLibrarysOwnVerification() {
		Argon2 library = Argon2Factory.create(Argon2Types.ARGON2id, 16, 32);
		String hash = this.encoder.encode(PASSWORD);
		String cheap = new Argon2idPasswordEncoder(8 * 1024, 1, 1).encode("");
		String unicode = this.spring.encode(UNICODE_PASSWORD);
		List<String> hashes = List.of(hash, cheap, unicode, hash.replace("v=19", "v=16"),
				hash.substring(0, hash.lastIndexOf('$') + 1) + "AAAA", hash + "==", hash.replace("t=2", "t=0"),
				hash.replace("p=1", "p=0"), "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
				hash.replace("m=19456", "m=019456"), hash.replace("t=2", "t=02"), strayBit(hash, 4),
				strayBit(hash, 5));
		for (String encoded : hashes) {
			for (String password : List.of(PASSWORD, "", UNICODE_PASSWORD, PASSWORD + " ")) {
				assertThat(this.encoder.matches(password, encoded)).as("%s against %s", password, encoded)
					.isEqualTo(library.verify(encoded, password.toCharArray(), StandardCharsets.UTF_8));
			}
		}
		assertThat(this.encoder.matches(PASSWORD, hash)).isTrue();
		assertThat(this.encoder.matches("", cheap)).isTrue();
		assertThat(this.encoder.matches(UNICODE_PASSWORD, unicode)).isTrue();
	}

	/**
	 * The hash with the last character of its salt (part 4) or hash (part 5) one bit off, a bit
	 * beyond their bytes: the same bytes to a lenient decoder.
	 */
	private static String strayBit(String hash, int part) {
		String[] parts = hash.split("\\$");
		parts[part] = flipLowestBit(parts[part]);
		return String.join("$", parts);
	}

	private static String flipLowestBit(String base64) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
		int last = alphabet.indexOf(base64.charAt(base64.length() - 1));
		return base64.substring(0, base64.length() - 1) + alphabet.charAt(last ^ 1);
	}

	@Test
	void verificationsReuseTheirMemoryAndReturnItWhenIdle() throws Exception {
		HashMemory memory = new HashMemory(Duration.ofSeconds(1));
		Argon2idPasswordEncoder encoder = new Argon2idPasswordEncoder(19 * 1024, 2, 1, memory);
		String hash = encoder.encode(PASSWORD);
		assertThat(memory.allocations()).as("encoding takes the library's own memory").isZero();

		for (int i = 0; i < 4; i++) {
			assertThat(encoder.matches(PASSWORD, hash)).isTrue();
			assertThat(encoder.matches(PASSWORD + "!", hash)).isFalse();
		}
		assertThat(memory.allocations()).isEqualTo(1);
		assertThat(memory.held()).isEqualTo(1);

		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			CyclicBarrier together = new CyclicBarrier(2);
			List<Future<Boolean>> results = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				results.add(threads.submit(() -> {
					together.await();
					return encoder.matches(PASSWORD, hash) && encoder.matches(PASSWORD, hash);
				}));
			}
			for (Future<Boolean> result : results) {
				assertThat(result.get()).isTrue();
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(memory.allocations()).as("one block per hash running at once").isBetween(1, 2);

		int allocated = memory.allocations();
		await().atMost(Duration.ofSeconds(15)).until(() -> memory.held() == 0);
		assertThat(memory.releases()).isEqualTo(allocated);
		assertThat(encoder.matches(PASSWORD, hash)).isTrue();
		assertThat(memory.allocations()).isEqualTo(allocated + 1);
		assertThat(memory.held()).isEqualTo(1);
	}

}
