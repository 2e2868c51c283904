package dev.authserver.throttle;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.authserver.token.SigningKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The rate limiter stays bounded under a flood of distinct addresses. */
class ClientRateLimiterTest {

	@Test
	void acquireWhenFloodOfDistinctAddressesThenMemoryBounded() {
		ClientRateLimiter limiter = limiter();
		for (int i = 0; i < 50_000; i++) {
			limiter.acquire("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
		}
		assertThat(limiter.trackedClients()).isLessThanOrEqualTo(1_000);
	}

	@Test
	void acquireWhenAddressesShareAnIpv6SlashSixtyFourThenOneBudget() {
		ClientRateLimiter limiter = limiter();
		for (int i = 1; i <= 5; i++) {
			limiter.acquire("2001:db8:1:2::" + i);
		}
		assertThatExceptionOfType(TooManyAttemptsException.class).isThrownBy(() -> limiter.acquire("2001:db8:1:2:ffff::9"));
		limiter.acquire("2001:db8:1:3::1");
	}

	@Test
	void acquireForUsernameWhenOverRateThenRefusedWhateverTheCase() {
		ClientRateLimiter limiter = limiter();
		for (int i = 0; i < 5; i++) {
			limiter.acquireForUsername("Alice");
		}
		assertThatExceptionOfType(TooManyAttemptsException.class).isThrownBy(() -> limiter.acquireForUsername("alice"));
		limiter.acquireForUsername("bob");
		// a username's budget and an address's are apart, even for the same text
		limiter.acquire("alice");
	}

	private static ClientRateLimiter limiter() {
		return new ClientRateLimiter(new LoginProperties(10, Duration.ofMinutes(15), 5, 1_000),
				new UsernameKeys(SigningKeys.of(new byte[32])));
	}

	@Test
	void acquireWhenOverRateThenRefusedWithWait() {
		ClientRateLimiter limiter = limiter();
		for (int i = 0; i < 5; i++) {
			limiter.acquire("192.0.2.1");
		}
		assertThatExceptionOfType(TooManyAttemptsException.class).isThrownBy(() -> limiter.acquire("192.0.2.1"))
			.satisfies((ex) -> assertThat(ex.retryAfterSeconds()).isBetween(1L, 60L));
	}

}
