package dev.authserver.user;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.crypto.password.PasswordEncoder;

import dev.authserver.throttle.TooManyAttemptsException;

/**
 * Runs every password hash on a pool of its own, one thread per core, with a bounded
 * queue: a burst of logins waits its turn there instead of taking every request thread.
 * The pool's threads run at a low scheduling priority (see {@link BackgroundPriority}), so
 * hashing uses every core the requests leave idle and token verification keeps its latency
 * beside it. A full queue, or a hash not done within {@link #MAX_WAIT}, answers 429, retry
 * shortly.
 */
public class PasswordHashing {

	private static final Logger logger = LoggerFactory.getLogger(PasswordHashing.class);

	private static final AtomicBoolean priorityWarned = new AtomicBoolean();

	/** Logins waiting beyond these are refused at once rather than queued for seconds. */
	static final int MAX_WAITING = 256;

	/** How long a request waits for its hash, queue included, before it is answered 429. */
	static final Duration MAX_WAIT = Duration.ofSeconds(10);

	private final PasswordEncoder encoder;

	private final ThreadPoolExecutor pool;

	private final Duration maxWait;

	PasswordHashing(PasswordEncoder encoder, int threads, int maxWaiting) {
		this(encoder, threads, maxWaiting, MAX_WAIT);
	}

	PasswordHashing(PasswordEncoder encoder, int threads, int maxWaiting, Duration maxWait) {
		this.encoder = encoder;
		this.maxWait = maxWait;
		AtomicInteger count = new AtomicInteger();
		this.pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(maxWaiting),
				(runnable) -> {
					Thread thread = new Thread(() -> {
						lowerPriority();
						runnable.run();
					}, "password-hashing-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
	}

	/** Never keeps the thread from running its tasks, whatever the native call does. */
	private static void lowerPriority() {
		boolean lowered;
		try {
			lowered = BackgroundPriority.lowerCurrentThread(BackgroundPriority.HASHING);
		}
		catch (Throwable ex) {
			lowered = false;
		}
		if (!lowered && priorityWarned.compareAndSet(false, true)) {
			logger.warn("Could not lower the priority of password hashing; logins compete with token verification "
					+ "for the cores");
		}
	}

	public String encode(String password) {
		return run(() -> this.encoder.encode(password));
	}

	public boolean matches(String password, String hash) {
		return run(() -> this.encoder.matches(password, hash));
	}

	private <T> T run(Callable<T> task) {
		Future<T> future;
		try {
			future = this.pool.submit(task);
		}
		catch (RejectedExecutionException ex) {
			throw new TooManyAttemptsException(Duration.ofSeconds(1));
		}
		try {
			return future.get(this.maxWait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			// the machine is too busy to hash in time: the caller retries, no thread waits on
			future.cancel(true);
			throw new TooManyAttemptsException(Duration.ofSeconds(1));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			future.cancel(true);
			throw new IllegalStateException("Interrupted while hashing a password", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	void shutdown() {
		this.pool.shutdownNow();
	}

}
