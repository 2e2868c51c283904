package dev.authserver.password;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Lowers the scheduling priority of the calling thread (its nice value) on Linux, where
 * the nice value belongs to each thread. Password hashing runs at nice 10, so that it takes
 * every idle cycle of the machine yet yields the cores to a request thread that verifies a
 * token (a nice-0 thread weighs about ten times as much), without being starved outright
 * when requests keep every core busy, as it would be at 19. Java's own {@link Thread#setPriority} is ignored on Linux
 * unless the JVM runs with {@code -XX:ThreadPriorityPolicy=1}.
 */
final class BackgroundPriority {

	/** The nice value of the password-hashing threads. */
	static final int HASHING = 10;

	private static final int PRIO_PROCESS = 0;

	private BackgroundPriority() {
	}

	/**
	 * Sets the calling thread's nice value; whether it could (not on other systems, or
	 * where native calls are not allowed).
	 */
	static boolean lowerCurrentThread(int nice) {
		if (!Platform.isLinux()) {
			return false;
		}
		try {
			// on Linux, "process" 0 is the calling thread
			return LibC.INSTANCE.setpriority(PRIO_PROCESS, 0, nice) == 0;
		}
		catch (LastErrorException | LinkageError ex) {
			return false;
		}
	}

	private interface LibC extends Library {

		LibC INSTANCE = Native.load("c", LibC.class);

		int setpriority(int which, int who, int prio) throws LastErrorException;

	}

}
