package dev.authserver.problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;

/**
 * An exception that says which problem it is: its {@link ApiProblem}, a detail safe to show,
 * and any header the answer carries. The one exception handler writes every such exception the
 * same way, without knowing where it came from. No stack trace is taken: these are answers to
 * bad requests, not faults.
 */
public abstract class ProblemException extends RuntimeException {

	private final ApiProblem problem;

	protected ProblemException(ApiProblem problem, String detail) {
		super(detail, null, false, false);
		this.problem = problem;
	}

	public ApiProblem getProblem() {
		return this.problem;
	}

	/** The body of the answer: the problem with this exception's detail. */
	public ProblemDetail toProblemDetail() {
		return this.problem.toProblemDetail(getMessage());
	}

	/** Headers the answer carries beside the body, such as {@code Retry-After}; none by default. */
	public HttpHeaders getHeaders() {
		return HttpHeaders.EMPTY;
	}

}
