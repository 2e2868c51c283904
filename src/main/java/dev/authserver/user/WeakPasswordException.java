package dev.authserver.user;

/**
 * A new password on the blocklist (see {@link PasswordPolicy}): 400 {@code validation_failed}
 * naming the field, with a detail a user understands.
 */
public class WeakPasswordException extends RuntimeException {

	private final String field;

	private final String detail;

	WeakPasswordException(String field, String detail) {
		super("Password too easy to guess", null, false, false);
		this.field = field;
		this.detail = detail;
	}

	/** The request field, as the client named it. */
	public String getField() {
		return this.field;
	}

	/** Why, in words for the user. */
	public String getDetail() {
		return this.detail;
	}

}
