package dev.authserver.session;

import java.time.Duration;

/** Waits, by the same time as the server's {@link java.time.Clock} tells: tests that move the clock move this too. */
@FunctionalInterface
public interface Sleeper {

	void sleep(Duration duration) throws InterruptedException;

}
