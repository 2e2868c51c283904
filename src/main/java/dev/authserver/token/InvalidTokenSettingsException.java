package dev.authserver.token;

/**
 * A setting under {@code auth.jwt} that the server cannot start with. Its message names the
 * property and never holds the value, which may be a secret.
 */
class InvalidTokenSettingsException extends RuntimeException {

	private final String property;

	InvalidTokenSettingsException(String property, String reason) {
		super("Invalid " + property + ": " + reason, null, false, false);
		this.property = property;
	}

	String getProperty() {
		return this.property;
	}

}
