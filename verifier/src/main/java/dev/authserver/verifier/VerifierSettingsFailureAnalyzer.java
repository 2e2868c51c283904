package dev.authserver.verifier;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints a bad {@code auth.verifier} setting as one clear line at startup. Boot's own analyzer
 * for invalid property values would print the value itself: for a secret, the secret.
 */
class VerifierSettingsFailureAnalyzer extends AbstractFailureAnalyzer<InvalidVerifierSettingsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidVerifierSettingsException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Fix " + cause.getProperty() + " (see the settings in the verifier's README).", cause);
	}

}
