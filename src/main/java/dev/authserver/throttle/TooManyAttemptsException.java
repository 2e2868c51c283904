package dev.authserver.throttle;

import java.time.Duration;

import org.springframework.http.HttpHeaders;

import dev.authserver.problem.ApiProblem;
import dev.authserver.problem.ProblemException;

/** An attempt refused by a lockout, a rate limit or a busy password hashing: 429 with {@code Retry-After}. */
public class TooManyAttemptsException extends ProblemException {

	private final Duration retryAfter;

	public TooManyAttemptsException(Duration retryAfter) {
		super(ApiProblem.TOO_MANY_ATTEMPTS, "Too many attempts; retry later");
		this.retryAfter = retryAfter;
	}

	/** Whole seconds to wait, at least one (RFC 9110 section 10.2.3). */
	public long retryAfterSeconds() {
		long seconds = this.retryAfter.toSeconds() + ((this.retryAfter.toNanosPart() > 0) ? 1 : 0);
		return Math.max(1, seconds);
	}

	@Override
	public HttpHeaders getHeaders() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds()));
		return headers;
	}

}
