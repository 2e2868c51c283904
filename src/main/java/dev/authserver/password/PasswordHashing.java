package dev.authserver.password;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.crypto.password.PasswordEncoder;

import dev.authserver.throttle.TooManyAttemptsException;

/**
 * Runs every password hash on a pool of its own, one thread per core. A hash is taken only
 * when the hashes already waiting are about what the pool finishes in
 * {@link #MAX_QUEUE_TIME}, judged by the average CPU time of recent hashes; past that, the
 * request is refused at once with 429 and {@code Retry-After} rather than parking a request
 * thread, so a flood of logins cannot take the threads that serve bearer calls and health
 * probes. The pool's threads run at a low scheduling priority (see {@link BackgroundPriority}),
 * so hashing uses every core the requests leave idle and token verification keeps its latency
 * beside it.
 */
public class PasswordHashing {

	private static final Logger logger = LoggerFactory.getLogger(PasswordHashing.class);

	private static final AtomicBoolean priorityWarned = new AtomicBoolean();

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	/** The longest a hash may expect to wait behind others. */
	static final Duration MAX_QUEUE_TIME = Duration.ofSeconds(1);

	/** What a hash is assumed to take until one has been timed. */
	static final Duration FIRST_ESTIMATE = Duration.ofMillis(50);

	/** How long a request waits for its admitted hash at most, should the estimate be wrong. */
	static final Duration MAX_WAIT = Duration.ofSeconds(3);

	private final PasswordEncoder encoder;

	private final ThreadPoolExecutor pool;

	private final int threads;

	private final Duration maxQueueTime;

	private final Duration maxWait;

	/** Hashes admitted and not yet done: running and waiting. */
	private final AtomicInteger admitted = new AtomicInteger();

	/** The moving average of the time one hash takes, in nanoseconds; 0 until one is timed. */
	private final AtomicLong averageNanos = new AtomicLong();

	private final long firstEstimateNanos;

	PasswordHashing(PasswordEncoder encoder, int threads) {
		this(encoder, threads, MAX_QUEUE_TIME, FIRST_ESTIMATE, MAX_WAIT);
	}

	PasswordHashing(PasswordEncoder encoder, int threads, Duration maxQueueTime, Duration firstEstimate,
			Duration maxWait) {
		this.encoder = encoder;
		this.threads = threads;
		this.maxQueueTime = maxQueueTime;
		this.firstEstimateNanos = firstEstimate.toNanos();
		this.maxWait = maxWait;
		AtomicInteger count = new AtomicInteger();
		// admission bounds the queue; it never fills
		this.pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
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
		try (Permit permit = admit()) {
			return permit.encode(password);
		}
	}

	public boolean matches(String password, String hash) {
		try (Permit permit = admit()) {
			return permit.matches(password, hash);
		}
	}

	/**
	 * Takes a place for one hash now, or throws {@link TooManyAttemptsException} at once: a
	 * login takes it before any other work, so that a refused one costs nothing more.
	 */
	public Permit admit() {
		long limit = limit();
		int now;
		do {
			now = this.admitted.get();
			if (now >= limit) {
				throw new TooManyAttemptsException(Duration.ofSeconds(1));
			}
		}
		while (!this.admitted.compareAndSet(now, now + 1));
		return new Permit();
	}

	/**
	 * Whether a hash asked for now would be refused. For a first, cheap refusal before any
	 * other work; {@link #admit()} decides.
	 */
	public boolean isFull() {
		return this.admitted.get() >= limit();
	}

	/** The hashes that may be admitted at once: one running per thread, and what they finish within the queue time. */
	private long limit() {
		long average = this.averageNanos.get();
		long perHash = (average > 0) ? average : this.firstEstimateNanos;
		return this.threads + Math.max(1, this.threads * this.maxQueueTime.toNanos() / Math.max(1, perHash));
	}

	/** A place for one hash; closing it unused gives the place back. */
	public final class Permit implements AutoCloseable {

		private final AtomicBoolean used = new AtomicBoolean();

		private Permit() {
		}

		public String encode(String password) {
			return run(() -> PasswordHashing.this.encoder.encode(password));
		}

		public boolean matches(String password, String hash) {
			return run(() -> PasswordHashing.this.encoder.matches(password, hash));
		}

		private <T> T run(Callable<T> task) {
			if (!this.used.compareAndSet(false, true)) {
				throw new IllegalStateException("A permit hashes once");
			}
			return PasswordHashing.this.run(task);
		}

		@Override
		public void close() {
			if (this.used.compareAndSet(false, true)) {
				PasswordHashing.this.admitted.decrementAndGet();
			}
		}

	}

	/** Runs an admitted hash; its place is given back when it ends, or when the caller gives up before it starts. */
	private <T> T run(Callable<T> task) {
		// whoever claims the task first settles its admission: the pool thread that runs it, or
		// the caller that gives up on it before it started
		AtomicBoolean claimed = new AtomicBoolean();
		Future<T> future = this.pool.submit(() -> {
			if (!claimed.compareAndSet(false, true)) {
				return null;
			}
			long start = cpuTime();
			try {
				return task.call();
			}
			finally {
				record(cpuTime() - start);
				this.admitted.decrementAndGet();
			}
		});
		try {
			return future.get(this.maxWait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			giveUp(future, claimed);
			throw new TooManyAttemptsException(Duration.ofSeconds(1));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			giveUp(future, claimed);
			throw new IllegalStateException("Interrupted while hashing a password", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	private void giveUp(Future<?> future, AtomicBoolean claimed) {
		if (claimed.compareAndSet(false, true)) {
			this.admitted.decrementAndGet();
		}
		future.cancel(false);
	}

	/**
	 * The CPU time of the calling thread: what a hash costs, whatever else the machine does
	 * meanwhile. Its wall time grows when requests keep the cores busy (hashing runs at a low
	 * priority), and an estimate from it would shrink the admitted work just when refusals add
	 * load, until logins that would fit are refused.
	 */
	private static long cpuTime() {
		return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
	}

	/** An exponential moving average over about the last eight hashes; the first sets it. */
	private void record(long nanos) {
		this.averageNanos.accumulateAndGet(nanos, (average, sample) -> (average == 0) ? sample
				: average + (sample - average) / 8);
	}

	/** Hashes admitted and not yet done. */
	int admitted() {
		return this.admitted.get();
	}

	void shutdown() {
		this.pool.shutdownNow();
	}

}
