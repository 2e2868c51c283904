package dev.authserver.token;

/**
 * A setting of keys or secrets ({@code auth.jwt}, {@code auth.services}) that the server
 * cannot start with. Its message names the property and never holds the value, which may be
 * a secret.
 */
public class InvalidTokenSettingsException extends RuntimeException {

	private final String property;

	public InvalidTokenSettingsException(String property, String reason) {
		super("Invalid " + property + ": " + reason, null, false, false);
		this.property = property;
	}

	String getProperty() {
		return this.property;
	}

}
