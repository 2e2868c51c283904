package dev.authserver.throttle;

import java.time.Duration;

/** An attempt refused by a lockout or a rate limit: 429 with {@code Retry-After}. */
public class TooManyAttemptsException extends RuntimeException {

	private final Duration retryAfter;

	public TooManyAttemptsException(Duration retryAfter) {
		super("Too many attempts", null, false, false);
		this.retryAfter = retryAfter;
	}

	/** Whole seconds to wait, at least one (RFC 9110 section 10.2.3). */
	public long retryAfterSeconds() {
		long seconds = this.retryAfter.toSeconds() + ((this.retryAfter.toNanosPart() > 0) ? 1 : 0);
		return Math.max(1, seconds);
	}

}
