package dev.authserver.bearer;

import org.springframework.security.core.AuthenticationException;

/**
 * A bearer request refused under RFC 6750 section 3.1: {@code invalid_request} (400) or
 * {@code invalid_token} (401), with a description safe to show.
 */
public final class BearerTokenException extends AuthenticationException {

	private final boolean invalidRequest;

	private BearerTokenException(String description, boolean invalidRequest) {
		super(description);
		this.invalidRequest = invalidRequest;
	}

	public static BearerTokenException invalidToken(String description) {
		return new BearerTokenException(description, false);
	}

	public static BearerTokenException invalidRequest(String description) {
		return new BearerTokenException(description, true);
	}

	public boolean isInvalidRequest() {
		return this.invalidRequest;
	}

}
