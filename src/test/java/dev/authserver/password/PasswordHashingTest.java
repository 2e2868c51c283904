package dev.authserver.password;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.password.PasswordEncoder;

import dev.authserver.support.Concurrently;
import dev.authserver.throttle.TooManyAttemptsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Password hashing runs on a pool at a low priority and takes no more waiting work than it
 * finishes in about a second: a burst beyond it is refused at once, not queued.
 */
class PasswordHashingTest {

	@Test
	void hashWhenWaitingWorkFillsTheQueueTimeThenTooManyAttempts() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		// one thread, hashes taken to last half a second: one runs, two may wait a second, a fourth is refused
		PasswordHashing hashing = new PasswordHashing(blockedUntil(release, started), 1, Duration.ofSeconds(1),
				Duration.ofMillis(500), Duration.ofSeconds(10));
		ExecutorService callers = Executors.newFixedThreadPool(3);
		try {
			Future<String> running = callers.submit(() -> hashing.encode("a"));
			started.await(5, TimeUnit.SECONDS);
			Future<String> queued = callers.submit(() -> hashing.encode("b"));
			Future<String> queuedToo = callers.submit(() -> hashing.encode("c"));
			await().atMost(Duration.ofSeconds(5)).until(() -> hashing.admitted() == 3);
			assertThatExceptionOfType(TooManyAttemptsException.class).isThrownBy(() -> hashing.encode("d"));
			release.countDown();
			assertThat(running.get(5, TimeUnit.SECONDS)).isEqualTo("hash");
			assertThat(queued.get(5, TimeUnit.SECONDS)).isEqualTo("hash");
			assertThat(queuedToo.get(5, TimeUnit.SECONDS)).isEqualTo("hash");
		}
		finally {
			release.countDown();
			callers.shutdownNow();
			hashing.shutdown();
		}
	}

	@Test
	void hashWhenFloodBeyondWhatPoolFinishesInASecondThenRestRefusedAtOnce() throws Exception {
		PasswordHashing hashing = new PasswordHashing(taking(Duration.ofMillis(100)), 1, Duration.ofSeconds(1),
				Duration.ofMillis(10), Duration.ofSeconds(10));
		try {
			// timed hashes replace the first estimate: about ten fit in a second
			hashing.encode("warm");
			hashing.encode("warm");
			List<Long> refusedAfterMillis = new ArrayList<>();
			List<Long> answers = Concurrently.run(40, (i) -> () -> {
				long start = System.nanoTime();
				try {
					hashing.encode("p" + i);
					return -1L;
				}
				catch (TooManyAttemptsException ex) {
					return Duration.ofNanos(System.nanoTime() - start).toMillis();
				}
			});
			answers.stream().filter((millis) -> millis >= 0).forEach(refusedAfterMillis::add);
			System.out.printf("40 hashes at once on one thread of 100 ms: %d refused, the slowest refusal after %d ms%n",
					refusedAfterMillis.size(), refusedAfterMillis.stream().mapToLong(Long::longValue).max().orElse(-1));
			assertThat(refusedAfterMillis).hasSizeBetween(25, 32);
			assertThat(refusedAfterMillis).allSatisfy((millis) -> assertThat(millis).isLessThan(100));
		}
		finally {
			hashing.shutdown();
		}
	}

	@Test
	void hashWhenCallerGaveUpThenItsPlaceIsFreed() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		PasswordHashing hashing = new PasswordHashing(blockedUntil(release, new CountDownLatch(1)), 1,
				Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofMillis(200));
		try {
			// the first runs and blocks; each later one waits its full time and gives its place back,
			// so the next is admitted and waits too instead of being refused at once
			for (String password : List.of("a", "b", "c", "d", "e")) {
				long start = System.nanoTime();
				assertThatExceptionOfType(TooManyAttemptsException.class).isThrownBy(() -> hashing.encode(password));
				assertThat(Duration.ofNanos(System.nanoTime() - start)).as(password)
					.isGreaterThanOrEqualTo(Duration.ofMillis(150));
			}
			release.countDown();
			await().atMost(Duration.ofSeconds(5)).until(() -> hashing.admitted() == 0);
			assertThat(hashing.encode("f")).isEqualTo("hash");
		}
		finally {
			release.countDown();
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
		PasswordHashing hashing = new PasswordHashing(reportsNice, 2);
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
		PasswordHashing hashing = new PasswordHashing(blockedUntil(release, new CountDownLatch(1)), 1,
				Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMillis(200));
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

	/** An encoder whose every hash keeps a core busy this long, as a real one does. */
	private static PasswordEncoder taking(Duration time) {
		return new PasswordEncoder() {
			@Override
			public String encode(CharSequence raw) {
				long end = System.nanoTime() + time.toNanos();
				long spin = 0;
				while (System.nanoTime() < end) {
					spin++;
				}
				return (spin >= 0) ? "hash" : "";
			}

			@Override
			public boolean matches(CharSequence raw, String encoded) {
				return encode(raw).equals(encoded);
			}
		};
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
