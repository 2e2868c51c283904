package dev.authserver.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC keys of the server: one for access tokens and one, derived from it, for
 * refresh tokens, so that neither kind can stand in for the other. Both are named by
 * the same {@code kid}, computed from the key itself, never looked up anywhere.
 */
public final class SigningKeys {

	/** Shortest accepted key: RFC 7518 section 3.2 asks for a key at least as long as the hash. */
	public static final int MIN_KEY_BYTES = 32;

	private static final byte[] REFRESH_KEY_LABEL = "auth-server refresh-token key v1".getBytes(StandardCharsets.US_ASCII);

	private final String keyId;

	private final SecretKey accessKey;

	private final SecretKey refreshKey;

	private SigningKeys(String keyId, SecretKey accessKey, SecretKey refreshKey) {
		this.keyId = keyId;
		this.accessKey = accessKey;
		this.refreshKey = refreshKey;
	}

	/** Builds the keys from raw key material of at least {@link #MIN_KEY_BYTES} bytes. */
	public static SigningKeys of(byte[] material) {
		if (material.length < MIN_KEY_BYTES) {
			throw new IllegalArgumentException("key shorter than " + MIN_KEY_BYTES + " bytes");
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(material, "HmacSHA256"));
			SecretKey refresh = new SecretKeySpec(mac.doFinal(REFRESH_KEY_LABEL), "HmacSHA256");
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(material);
			String kid = Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 8);
			return new SigningKeys(kid, new SecretKeySpec(material, "HmacSHA256"), refresh);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	public String keyId() {
		return this.keyId;
	}

	SecretKey accessKey() {
		return this.accessKey;
	}

	SecretKey refreshKey() {
		return this.refreshKey;
	}

	@Override
	public String toString() {
		return "SigningKeys[kid=" + this.keyId + ", keys=<redacted>]";
	}

}
