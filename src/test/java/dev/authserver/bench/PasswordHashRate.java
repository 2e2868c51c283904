package dev.authserver.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The baseline of the login figure in bench/run.sh: password-hash verifications per second
 * on every core, with the server's own encoder, and nothing else around them.
 */
public final class PasswordHashRate {

	private PasswordHashRate() {
	}

	/** Prints {@code hashes_per_second=...}; the argument is how many seconds to count. */
	public static void main(String[] args) throws Exception {
		double seconds = (args.length > 0) ? Double.parseDouble(args[0]) : 10;
		PasswordEncoder encoder = serverEncoder();
		String password = "bench-user-passphrase-1234";
		String hash = encoder.encode(password);
		int threads = Runtime.getRuntime().availableProcessors();
		AtomicBoolean counting = new AtomicBoolean();
		AtomicBoolean running = new AtomicBoolean(true);
		LongAdder count = new LongAdder();
		List<Thread> workers = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			Thread worker = new Thread(() -> {
				while (running.get()) {
					if (!encoder.matches(password, hash)) {
						throw new IllegalStateException("The hash does not match its password");
					}
					if (counting.get()) {
						count.increment();
					}
				}
			});
			worker.start();
			workers.add(worker);
		}
		// a few seconds for the JIT before counting, as the server had its warm-up
		Thread.sleep(3000);
		counting.set(true);
		long start = System.nanoTime();
		Thread.sleep((long) (seconds * 1000));
		counting.set(false);
		double elapsed = (System.nanoTime() - start) / 1e9;
		running.set(false);
		for (Thread worker : workers) {
			worker.join();
		}
		System.out.printf("threads=%d hashes_per_second=%.1f%n", threads, count.sum() / elapsed);
	}

	/** The encoder the server builds, from its own configuration, so the settings cannot drift apart. */
	private static PasswordEncoder serverEncoder() throws ReflectiveOperationException {
		Class<?> type = Class.forName("dev.authserver.password.PasswordConfiguration");
		var constructor = type.getDeclaredConstructor();
		constructor.setAccessible(true);
		var method = type.getDeclaredMethod("passwordEncoder");
		method.setAccessible(true);
		return (PasswordEncoder) method.invoke(constructor.newInstance());
	}

}
