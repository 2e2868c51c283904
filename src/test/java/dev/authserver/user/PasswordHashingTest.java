package dev.authserver.user;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.password.PasswordEncoder;

import dev.authserver.throttle.TooManyAttemptsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Password hashing runs on a bounded pool: a burst beyond it is refused, not queued without end. */
class PasswordHashingTest {

	@Test
	void hashWhenPoolAndQueueFullThenTooManyAttempts() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		PasswordEncoder slow = new PasswordEncoder() {
			@Override
			public String encode(CharSequence raw) {
				started.countDown();
				try {
					release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return "hash";
			}

			@Override
			public boolean matches(CharSequence raw, String encoded) {
				return true;
			}
		};
		PasswordHashing hashing = new PasswordHashing(slow, 1, 1);
		ExecutorService callers = Executors.newFixedThreadPool(2);
		try {
			Future<String> running = callers.submit(() -> hashing.encode("a"));
			started.await(5, TimeUnit.SECONDS);
			Future<String> queued = callers.submit(() -> hashing.encode("b"));
			Thread.sleep(200);
			assertThatExceptionOfType(TooManyAttemptsException.class).isThrownBy(() -> hashing.encode("c"));
			release.countDown();
			assertThat(running.get(5, TimeUnit.SECONDS)).isEqualTo("hash");
			assertThat(queued.get(5, TimeUnit.SECONDS)).isEqualTo("hash");
		}
		finally {
			release.countDown();
			callers.shutdownNow();
			hashing.shutdown();
		}
	}

}
