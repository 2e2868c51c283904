package dev.authserver.verifier;

import org.springframework.security.core.AuthenticationException;

/**
 * A bearer request refused under RFC 6750 section 3.1: {@code invalid_request} (400) or
 * {@code invalid_token} (401), with a description safe to show.
 */
final class BearerTokenException extends AuthenticationException {

	private final boolean invalidRequest;

	private BearerTokenException(String description, boolean invalidRequest) {
		super(description);
		this.invalidRequest = invalidRequest;
	}

	static BearerTokenException invalidToken(String description) {
		return new BearerTokenException(description, false);
	}

	static BearerTokenException invalidRequest(String description) {
		return new BearerTokenException(description, true);
	}

	boolean isInvalidRequest() {
		return this.invalidRequest;
	}

}
