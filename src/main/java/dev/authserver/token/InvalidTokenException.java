package dev.authserver.token;

/**
 * A token failed a check of SPEC section 6. The message is safe to show to the client
 * (RFC 6750 section 3 {@code error_description}); it never holds token contents.
 */
public class InvalidTokenException extends RuntimeException {

	private final boolean expired;

	InvalidTokenException(String description, boolean expired) {
		super(description, null, false, false);
		this.expired = expired;
	}

	public boolean isExpired() {
		return this.expired;
	}

}
