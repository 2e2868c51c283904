package dev.authserver.verifier;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;

import dev.authserver.verification.SigningAlgorithm;

/**
 * A setting of {@code auth.verifier} the library cannot start with. Its message names the
 * property and never holds the value, which may be a secret.
 */
class InvalidVerifierSettingsException extends RuntimeException {

	/** Shortest HMAC key: RFC 7518 section 3.2 asks for a key at least as long as the hash. */
	static final int MIN_SECRET_BYTES = 32;

	private static final int ENCRYPTION_KEY_BYTES = 32;

	private final String property;

	InvalidVerifierSettingsException(String property, String reason) {
		super("Invalid " + property + ": " + reason, null, false, false);
		this.property = property;
	}

	String getProperty() {
		return this.property;
	}

	/** The settings, or throws for the first one that cannot work. */
	static VerifierProperties check(VerifierProperties properties) {
		boolean jwks = properties.jwkSetUri() != null;
		boolean secret = VerifierProperties.hasText(properties.secret());
		if (jwks && secret) {
			throw new InvalidVerifierSettingsException("auth.verifier.secret",
					"give either auth.verifier.jwk-set-uri (EdDSA, ES256) or auth.verifier.secret (HS256), not both");
		}
		if (!jwks && !secret) {
			throw new InvalidVerifierSettingsException("auth.verifier.jwk-set-uri",
					"required: the server's JWK Set, or auth.verifier.secret for HS256");
		}
		SigningAlgorithm algorithm = properties.effectiveAlgorithm();
		if (jwks) {
			requireHttp("auth.verifier.jwk-set-uri", properties.jwkSetUri());
			if (algorithm == null) {
				throw new InvalidVerifierSettingsException("auth.verifier.algorithm",
						"required with auth.verifier.jwk-set-uri: EdDSA or ES256, as the server's auth.jwt.algorithm");
			}
			if (!algorithm.isAsymmetric()) {
				throw new InvalidVerifierSettingsException("auth.verifier.algorithm",
						"HS256 keys are never published in a JWK Set: give auth.verifier.secret instead");
			}
		}
		else {
			if (algorithm != SigningAlgorithm.HS256) {
				throw new InvalidVerifierSettingsException("auth.verifier.algorithm",
						"a secret verifies HS256 only; EdDSA and ES256 keys come from auth.verifier.jwk-set-uri");
			}
			decode("auth.verifier.secret", properties.secret(), MIN_SECRET_BYTES, false);
		}
		if (VerifierProperties.hasText(properties.encryptionKey())) {
			decode("auth.verifier.encryption-key", properties.encryptionKey(), ENCRYPTION_KEY_BYTES, true);
		}
		requireText("auth.verifier.issuer", properties.issuer());
		requireText("auth.verifier.audience", properties.audience());
		requireAtLeastASecond("auth.verifier.access-token-ttl", properties.accessTokenTtl());
		if (properties.clockSkew() == null || properties.clockSkew().isNegative()) {
			throw new InvalidVerifierSettingsException("auth.verifier.clock-skew", "must not be negative");
		}
		requireAtLeastASecond("auth.verifier.jwk-set-refresh", properties.jwkSetRefresh());
		if (properties.eventsUri() == null) {
			throw new InvalidVerifierSettingsException("auth.verifier.events-uri",
					"required: the server's event feed, such as http://localhost:8080/api/events/poll");
		}
		requireHttp("auth.verifier.events-uri", properties.eventsUri());
		requireText("auth.verifier.client-id", properties.clientId());
		requireText("auth.verifier.client-secret", properties.clientSecret());
		requireAtLeastASecond("auth.verifier.max-staleness", properties.maxStaleness());
		return properties;
	}

	/**
	 * The bytes of a key given in base64 or base64url, as the server reads its own keys; with
	 * {@code exact}, of exactly {@code length} bytes, else at least.
	 */
	static byte[] decode(String property, String text, int length, boolean exact) {
		String stripped = text.strip();
		byte[] material;
		try {
			boolean url = stripped.indexOf('-') >= 0 || stripped.indexOf('_') >= 0;
			material = (url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(stripped);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidVerifierSettingsException(property, "the key must be base64, as the server's own");
		}
		if (exact ? material.length != length : material.length < length) {
			throw new InvalidVerifierSettingsException(property, "the key must decode to " + (exact ? "exactly " : "at least ")
					+ length + " bytes, it has " + material.length);
		}
		return material;
	}

	private static void requireHttp(String property, URI uri) {
		String scheme = uri.getScheme();
		if (!uri.isAbsolute() || uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
			throw new InvalidVerifierSettingsException(property, "must be an absolute http or https URL");
		}
	}

	private static void requireText(String property, String value) {
		if (!VerifierProperties.hasText(value)) {
			throw new InvalidVerifierSettingsException(property, "required");
		}
	}

	private static void requireAtLeastASecond(String property, Duration value) {
		if (value == null || value.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new InvalidVerifierSettingsException(property, "must be at least one second");
		}
	}

}
