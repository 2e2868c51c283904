package dev.authserver.verification;

import org.springframework.http.HttpHeaders;

import dev.authserver.problem.ApiProblem;
import dev.authserver.problem.BearerChallenge;
import dev.authserver.problem.ProblemException;

/**
 * A token failed a check (docs/tokens.md): 401 {@code invalid_token} with the RFC 6750
 * section 3 challenge. The message is safe to show to the client as its
 * {@code error_description}; it never holds token contents.
 */
public class InvalidTokenException extends ProblemException {

	private final boolean expired;

	protected InvalidTokenException(String description, boolean expired) {
		super(ApiProblem.INVALID_TOKEN, description);
		this.expired = expired;
	}

	/** A token that failed a check; the kind names it, such as "access token". */
	public static InvalidTokenException invalid(String kind) {
		return new InvalidTokenException("The " + kind + " is invalid", false);
	}

	/** A token whose signature holds, past its expiry. */
	public static InvalidTokenException expired(String kind) {
		return new InvalidTokenException("The " + kind + " expired", true);
	}

	public boolean isExpired() {
		return this.expired;
	}

	@Override
	public HttpHeaders getHeaders() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE, BearerChallenge.invalidToken(getMessage()));
		return headers;
	}

}
