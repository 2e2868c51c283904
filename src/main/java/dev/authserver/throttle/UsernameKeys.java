package dev.authserver.throttle;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.Base64;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

import org.springframework.stereotype.Component;

import dev.authserver.token.SigningKeys;

/**
 * What the throttles count a username by: a keyed hash (HMAC-SHA256) of the username as
 * typed, normalised (NFKC, lower case), never the text itself. A failed login's username may
 * be a mistyped password; the database keeps only this hash of it, which no one without the
 * server's key can test guesses against.
 */
@Component
public class UsernameKeys {

	private static final String LABEL = "auth-server username key v1";

	private final SecretKey key;

	UsernameKeys(SigningKeys keys) {
		this.key = keys.derivedKey(LABEL);
	}

	/** The key of a username, 43 base64url characters. */
	public String of(String username) {
		String normalized = Normalizer.normalize(username, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			byte[] digest = mac.doFinal(normalized.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
