package dev.authserver.throttle;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The rate limiter stays bounded under a flood of distinct addresses. */
class ClientRateLimiterTest {

	@Test
	void acquireWhenFloodOfDistinctAddressesThenMemoryBounded() {
		ClientRateLimiter limiter = new ClientRateLimiter(new LoginProperties(10, Duration.ofMinutes(15), 5, 1_000));
		for (int i = 0; i < 50_000; i++) {
			limiter.acquire("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
		}
		assertThat(limiter.trackedClients()).isLessThanOrEqualTo(1_000);
	}

	@Test
	void acquireWhenOverRateThenRefusedWithWait() {
		ClientRateLimiter limiter = new ClientRateLimiter(new LoginProperties(10, Duration.ofMinutes(15), 5, 1_000));
		for (int i = 0; i < 5; i++) {
			limiter.acquire("192.0.2.1");
		}
		assertThatExceptionOfType(TooManyAttemptsException.class).isThrownBy(() -> limiter.acquire("192.0.2.1"))
			.satisfies((ex) -> assertThat(ex.retryAfterSeconds()).isBetween(1L, 60L));
	}

}
