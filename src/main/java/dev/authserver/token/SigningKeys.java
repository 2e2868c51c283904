package dev.authserver.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.jsonwebtoken.security.Jwks;

import dev.authserver.verification.SigningAlgorithm;

/**
 * The keys of the server, each named by its {@code kid}: new tokens are signed with the active
 * one, and any of them verifies (docs/operations.md: keys rotate without logging anyone out).
 * The HMAC keys come as pairs: one for access tokens and one, derived from it, for refresh
 * tokens, so that neither kind can stand in for the other. With an asymmetric
 * {@link SigningAlgorithm}, access tokens are signed by key pairs of their own instead, whose
 * public halves are published; refresh tokens stay with the HMAC keys. A {@code kid} only picks
 * among keys held in memory; it never names a file, row or URL.
 */
public final class SigningKeys {

	/** Shortest accepted key: RFC 7518 section 3.2 asks for a key at least as long as the hash. */
	public static final int MIN_KEY_BYTES = 32;

	private static final byte[] REFRESH_KEY_LABEL = "auth-server refresh-token key v1".getBytes(StandardCharsets.US_ASCII);

	private final String activeKeyId;

	private final Map<String, KeyPair> keys;

	private final SigningAlgorithm algorithm;

	/** The active access-token signer's {@code kid}: the active HMAC key's for HS256. */
	private final String activeSignerId;

	/** The access-token key pairs of an asymmetric algorithm, by {@code kid}; empty for HS256. */
	private final Map<String, java.security.KeyPair> signers;

	/** The AES key that encrypts access tokens, or {@code null} when they are not encrypted. */
	private final SecretKey encryptionKey;

	private SigningKeys(String activeKeyId, Map<String, KeyPair> keys) {
		this(activeKeyId, keys, SigningAlgorithm.HS256, activeKeyId, Map.of(), null);
	}

	private SigningKeys(String activeKeyId, Map<String, KeyPair> keys, SigningAlgorithm algorithm,
			String activeSignerId, Map<String, java.security.KeyPair> signers, SecretKey encryptionKey) {
		this.activeKeyId = activeKeyId;
		this.keys = Map.copyOf(keys);
		this.algorithm = algorithm;
		this.activeSignerId = activeSignerId;
		this.signers = Collections.unmodifiableMap(new LinkedHashMap<>(signers));
		this.encryptionKey = encryptionKey;
	}

	/** These keys, with access tokens encrypted under this AES-256 key. */
	SigningKeys withEncryption(SecretKey encryptionKey) {
		return new SigningKeys(this.activeKeyId, this.keys, this.algorithm, this.activeSignerId, this.signers,
				encryptionKey);
	}

	/** The AES key that encrypts access tokens, or {@code null} when they are signed only. */
	SecretKey encryptionKey() {
		return this.encryptionKey;
	}

	/**
	 * These HMAC keys for refresh tokens, and access tokens signed by the key pairs of an
	 * asymmetric algorithm; {@code activeSignerId} must be one of them.
	 */
	SigningKeys withSigners(SigningAlgorithm algorithm, Map<String, java.security.KeyPair> signers,
			String activeSignerId) {
		if (!algorithm.isAsymmetric() || !signers.containsKey(activeSignerId)) {
			throw new IllegalArgumentException("active signer " + activeSignerId + " is not among the key pairs");
		}
		return new SigningKeys(this.activeKeyId, this.keys, algorithm, activeSignerId, signers, this.encryptionKey);
	}

	/** The algorithm of access tokens. */
	public SigningAlgorithm algorithm() {
		return this.algorithm;
	}

	/** The {@code kid} new access tokens are signed with. */
	public String accessKeyId() {
		return this.activeSignerId;
	}

	/** What signs new access tokens: the HMAC access key, or the active private key. */
	public java.security.Key accessSigningKey() {
		return this.algorithm.isAsymmetric() ? this.signers.get(this.activeSignerId).getPrivate() : accessKey();
	}

	/** What verifies an access token of this {@code kid}, or {@code null}: never a private key. */
	java.security.Key accessVerificationKey(String kid) {
		if (!this.algorithm.isAsymmetric()) {
			return accessKey(kid);
		}
		java.security.KeyPair pair = this.signers.get(kid);
		return (pair != null) ? pair.getPublic() : null;
	}

	/**
	 * The public keys whose access tokens may still be live, as RFC 7517 JWKs ({@code kid},
	 * {@code kty}, {@code alg}, {@code use}, and the curve's public parameters); none for HS256,
	 * whose key is never published.
	 */
	public List<Map<String, Object>> publicJwks() {
		List<Map<String, Object>> jwks = new ArrayList<>();
		this.signers.forEach((kid, pair) -> jwks.add(new LinkedHashMap<>(Jwks.builder()
			.key(pair.getPublic())
			.id(kid)
			.algorithm(this.algorithm.jwsName())
			.publicKeyUse("sig")
			.build())));
		return jwks;
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

	/** The {@code kid} of the active HMAC key, which signs refresh tokens, and access tokens with HS256. */
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
		return "SigningKeys[algorithm=" + this.algorithm + ", active=" + this.activeSignerId + ", kids="
				+ (this.algorithm.isAsymmetric() ? this.signers.keySet() : this.keys.keySet()) + ", keys=<redacted>]";
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
