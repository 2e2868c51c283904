package dev.authserver.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC keys of the server, each named by its {@code kid}: new tokens are signed with
 * the active one, and any of them verifies (docs/operations.md: keys rotate without logging
 * anyone out). Each key comes as a pair: one for access tokens and one, derived from it,
 * for refresh tokens, so that neither kind can stand in for the other. A {@code kid} only
 * picks among keys held in memory; it never names a file, row or URL.
 */
public final class SigningKeys {

	/** Shortest accepted key: RFC 7518 section 3.2 asks for a key at least as long as the hash. */
	public static final int MIN_KEY_BYTES = 32;

	private static final byte[] REFRESH_KEY_LABEL = "auth-server refresh-token key v1".getBytes(StandardCharsets.US_ASCII);

	private final String activeKeyId;

	private final Map<String, KeyPair> keys;

	private SigningKeys(String activeKeyId, Map<String, KeyPair> keys) {
		this.activeKeyId = activeKeyId;
		this.keys = Map.copyOf(keys);
	}

	/** One key, named by a {@code kid} computed from the key itself. */
	public static SigningKeys of(byte[] material) {
		String kid = derivedKeyId(material);
		return new SigningKeys(kid, Map.of(kid, KeyPair.of(material)));
	}

	/** Several named keys; {@code activeKeyId} must be one of them. */
	static SigningKeys of(Map<String, byte[]> materials, String activeKeyId) {
		Map<String, KeyPair> keys = new LinkedHashMap<>();
		materials.forEach((kid, material) -> keys.put(kid, KeyPair.of(material)));
		if (!keys.containsKey(activeKeyId)) {
			throw new IllegalArgumentException("active key " + activeKeyId + " is not among the keys");
		}
		return new SigningKeys(activeKeyId, keys);
	}

	/** The {@code kid} of a key given without a name: the start of its SHA-256, never the key. */
	static String derivedKeyId(byte[] material) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(material);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/** The {@code kid} new tokens are signed with. */
	public String keyId() {
		return this.activeKeyId;
	}

	SecretKey accessKey() {
		return accessKey(this.activeKeyId);
	}

	SecretKey refreshKey() {
		return refreshKey(this.activeKeyId);
	}

	/** The access-token key of this {@code kid}, or {@code null}. */
	SecretKey accessKey(String kid) {
		KeyPair pair = this.keys.get(kid);
		return (pair != null) ? pair.access() : null;
	}

	/**
	 * A key for another purpose than signing, such as keying hashes of usernames: HMAC-SHA256
	 * of a label naming the purpose under the active key, so that no two purposes share a key.
	 */
	public SecretKey derivedKey(String label) {
		return derive(accessKey(), label.getBytes(StandardCharsets.US_ASCII));
	}

	private static SecretKey derive(SecretKey key, byte[] label) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return new SecretKeySpec(mac.doFinal(label), "HmacSHA256");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/** The refresh-token key of this {@code kid}, or {@code null}. */
	SecretKey refreshKey(String kid) {
		KeyPair pair = this.keys.get(kid);
		return (pair != null) ? pair.refresh() : null;
	}

	@Override
	public String toString() {
		return "SigningKeys[active=" + this.activeKeyId + ", kids=" + this.keys.keySet() + ", keys=<redacted>]";
	}

	/**
	 * The two keys made from one key material.
	 *
	 * @param access signs access tokens
	 * @param refresh signs refresh tokens: HMAC-SHA256 of a fixed label under the material
	 */
	private record KeyPair(SecretKey access, SecretKey refresh) {

		static KeyPair of(byte[] material) {
			if (material.length < MIN_KEY_BYTES) {
				throw new IllegalArgumentException("key shorter than " + MIN_KEY_BYTES + " bytes");
			}
			SecretKey access = new SecretKeySpec(material, "HmacSHA256");
			return new KeyPair(access, derive(access, REFRESH_KEY_LABEL));
		}

		@Override
		public String toString() {
			return "KeyPair[<redacted>]";
		}

	}

}
