package dev.authserver.user;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Password hashing runs on a bounded pool at a low priority: a burst beyond it is
 * refused, not queued without end.
 */
class PasswordHashingTest {

	@Test
	void hashWhenPoolAndQueueFullThenTooManyAttempts() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		PasswordHashing hashing = new PasswordHashing(blockedUntil(release, started), 1, 1);
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

	@Test
	void hashWhenOnLinuxThenRunsAtLowPriority() throws Exception {
		assumeTrue(Files.isReadable(Path.of("/proc/thread-self/stat")), "Linux only");
		PasswordEncoder reportsNice = new PasswordEncoder() {
			@Override
			public String encode(CharSequence raw) {
				return String.valueOf(currentThreadNice());
			}

			@Override
			public boolean matches(CharSequence raw, String encoded) {
				return false;
			}
		};
		PasswordHashing hashing = new PasswordHashing(reportsNice, 2, 4);
		try {
			assertThat(currentThreadNice()).isZero();
			assertThat(hashing.encode("a")).isEqualTo(String.valueOf(BackgroundPriority.HASHING));
			assertThat(hashing.encode("b")).isEqualTo(String.valueOf(BackgroundPriority.HASHING));
			assertThat(currentThreadNice()).isZero();
		}
		finally {
			hashing.shutdown();
		}
	}

	/** Field 19 of /proc/thread-self/stat, the calling thread's nice value. */
	private static int currentThreadNice() {
		try {
			String stat = Files.readString(Path.of("/proc/thread-self/stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Integer.parseInt(fields[19 - 3]);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void hashWhenNotDoneInTimeThenTooManyAttempts() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		PasswordHashing hashing = new PasswordHashing(blockedUntil(release, new CountDownLatch(1)), 1, 4,
				Duration.ofMillis(200));
		try {
			long start = System.nanoTime();
			assertThatExceptionOfType(TooManyAttemptsException.class).isThrownBy(() -> hashing.encode("a"));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		}
		finally {
			release.countDown();
			hashing.shutdown();
		}
	}

	/** An encoder whose {@code encode} says it started, then waits for the release (10 s at most). */
	private static PasswordEncoder blockedUntil(CountDownLatch release, CountDownLatch started) {
		return new PasswordEncoder() {
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
	}

}
