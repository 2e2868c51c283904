package dev.authserver.oauth;

import org.springframework.http.HttpHeaders;

import dev.authserver.problem.ApiProblem;
import dev.authserver.problem.ProblemException;

/** A service client's credential missing or wrong: 401 {@code invalid_client} with a Basic challenge (RFC 6749 section 5.2). */
public class InvalidClientException extends ProblemException {

	public InvalidClientException() {
		super(ApiProblem.INVALID_CLIENT, "This needs the credential of a service client, sent with HTTP Basic");
	}

	@Override
	public HttpHeaders getHeaders() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"api\"");
		return headers;
	}

}
