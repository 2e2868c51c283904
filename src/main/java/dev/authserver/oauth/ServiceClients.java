package dev.authserver.oauth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.authserver.token.InvalidTokenSettingsException;

/**
 * Checks the HTTP Basic credential of a service client (RFC 6749 section 2.3.1: id and secret
 * form-encoded, then base64). Secrets are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, in constant time whatever their lengths, and never logged.
 */
@Component
public class ServiceClients {

	private static final String BASIC = "Basic ";

	private static final int MIN_SECRET_LENGTH = 16;

	/** Client id to the digest of its secret. */
	private final Map<String, byte[]> secrets = new LinkedHashMap<>();

	/** Compared against when the id is unknown, so that an unknown id costs the same. */
	private final byte[] unknown = digest("not the secret of any client");

	ServiceClients(ServiceClientProperties properties) {
		for (int i = 0; i < properties.services().size(); i++) {
			ServiceClientProperties.Service service = properties.services().get(i);
			String prefix = "auth.services[" + i + "]";
			if (service.id() == null || service.id().isBlank()) {
				throw new InvalidTokenSettingsException(prefix + ".id", "a service client needs an id");
			}
			if (service.secret() == null || service.secret().length() < MIN_SECRET_LENGTH) {
				throw new InvalidTokenSettingsException(prefix + ".secret",
						"a service client's secret has at least " + MIN_SECRET_LENGTH + " characters");
			}
			if (this.secrets.put(service.id(), digest(service.secret())) != null) {
				throw new InvalidTokenSettingsException(prefix + ".id", "two service clients have the id " + service.id());
			}
		}
	}

	/** The id of the client the {@code Authorization} header authenticates, if any. */
	public Optional<String> authenticate(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
			return Optional.empty();
		}
		String credential;
		try {
			credential = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).strip()),
					StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		int colon = credential.indexOf(':');
		if (colon < 0) {
			return Optional.empty();
		}
		String id;
		String secret;
		try {
			id = URLDecoder.decode(credential.substring(0, colon), StandardCharsets.UTF_8);
			secret = URLDecoder.decode(credential.substring(colon + 1), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		byte[] expected = this.secrets.getOrDefault(id, this.unknown);
		boolean matches = MessageDigest.isEqual(expected, digest(secret));
		return (matches && this.secrets.containsKey(id)) ? Optional.of(id) : Optional.empty();
	}

	private static byte[] digest(String secret) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
