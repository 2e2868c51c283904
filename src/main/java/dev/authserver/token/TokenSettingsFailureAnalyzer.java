package dev.authserver.token;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints a bad token setting as one clear line at startup. Boot's own analyzer for invalid
 * property values would print the value itself: for a key, that is the secret.
 */
class TokenSettingsFailureAnalyzer extends AbstractFailureAnalyzer<InvalidTokenSettingsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidTokenSettingsException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Fix " + cause.getProperty() + " (see the configuration table in the README).", cause);
	}

}
