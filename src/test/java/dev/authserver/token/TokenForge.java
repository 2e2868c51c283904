package dev.authserver.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.authserver.verification.SigningAlgorithm;

/**
 * Builds compact JWS strings byte by byte, without jjwt, so that tests can craft what no
 * well-behaved library would emit (duplicate names, odd encodings, foreign algorithms).
 * Public for the attack suite, which forges tokens from outside this package.
 */
public final class TokenForge {

	public static final String HS256 = "HmacSHA256";

	public static final String HS384 = "HmacSHA384";

	public static final String HS512 = "HmacSHA512";

	private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

	private TokenForge() {
	}

	/** Base64url without padding, the canonical form of RFC 7515 section 2. */
	public static String encode(byte[] bytes) {
		return URL.encodeToString(bytes);
	}

	public static String encode(String text) {
		return encode(text.getBytes(StandardCharsets.UTF_8));
	}

	/** Signs raw header and payload JSON text with HS256. */
	public static String sign(String headerJson, String payloadJson, byte[] key) {
		return sign(headerJson, payloadJson, key, HS256);
	}

	/** Signs raw header and payload JSON text with the given {@link Mac} algorithm. */
	public static String sign(String headerJson, String payloadJson, byte[] key, String macAlgorithm) {
		return signSegments(encode(headerJson), encode(payloadJson), key, macAlgorithm);
	}

	/** Signs raw header and payload JSON text with EdDSA (Ed25519) or ES256 (P-256, R and S as RFC 7518 section 3.4 asks). */
	public static String sign(String headerJson, String payloadJson, java.security.PrivateKey key,
			SigningAlgorithm algorithm) {
		String signingInput = encode(headerJson) + "." + encode(payloadJson);
		try {
			java.security.Signature signature = java.security.Signature
				.getInstance((algorithm == SigningAlgorithm.EdDSA) ? "Ed25519" : "SHA256withECDSAinP1363Format");
			signature.initSign(key);
			signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
			return signingInput + "." + encode(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Encrypts the content as a compact JWE with {@code alg: dir} and AES-GCM under the key,
	 * whatever the header says (RFC 7516 section 5.1): the header segment is the additional
	 * authenticated data, the encrypted key segment is empty.
	 */
	public static String encrypt(String headerJson, byte[] content, byte[] key) {
		String header = encode(headerJson);
		byte[] iv = bytes(12, headerJson.hashCode());
		try {
			javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
					new javax.crypto.spec.GCMParameterSpec(128, iv));
			cipher.updateAAD(header.getBytes(StandardCharsets.US_ASCII));
			byte[] sealed = cipher.doFinal(content);
			int tagStart = sealed.length - 16;
			return header + ".." + encode(iv) + "." + encode(java.util.Arrays.copyOf(sealed, tagStart)) + "."
					+ encode(java.util.Arrays.copyOfRange(sealed, tagStart, sealed.length));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Signs raw header and payload bytes, for payloads that are not even valid UTF-8. */
	public static String sign(byte[] header, byte[] payload, byte[] key) {
		return signSegments(encode(header), encode(payload), key, HS256);
	}

	/**
	 * Signs two already encoded segments exactly as given, so that a malformed encoding
	 * still carries a valid signature and only the encoding rule can reject it.
	 */
	public static String signSegments(String headerSegment, String payloadSegment, byte[] key, String macAlgorithm) {
		String signingInput = headerSegment + "." + payloadSegment;
		return signingInput + "." + encode(mac(signingInput, key, macAlgorithm));
	}

	/** Header and payload with an empty signature, as an {@code alg: none} token is sent. */
	public static String unsigned(String headerJson, String payloadJson) {
		return encode(headerJson) + "." + encode(payloadJson) + ".";
	}

	/** The HMAC of the signing input, as raw bytes. */
	public static byte[] mac(String signingInput, byte[] key, String macAlgorithm) {
		try {
			Mac mac = Mac.getInstance(macAlgorithm);
			mac.init(new SecretKeySpec(key, macAlgorithm));
			// UTF-8, so that even a segment with a stray non-ASCII character carries a matching MAC
			return mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The members of a good header: HS256, this {@code typ}, this {@code kid}, as JSON values. */
	public static LinkedHashMap<String, String> header(String typ, String kid) {
		var header = new LinkedHashMap<String, String>();
		header.put("alg", string("HS256"));
		header.put("typ", string(typ));
		header.put("kid", string(kid));
		return header;
	}

	/**
	 * Renders members whose values are raw JSON text, in insertion order, so that a test
	 * can put any JSON value (or none) under any name.
	 */
	public static String object(Map<String, String> members) {
		StringJoiner json = new StringJoiner(",", "{", "}");
		members.forEach((name, value) -> json.add("\"" + name + "\":" + value));
		return json.toString();
	}

	/** A JSON string literal; only for test values that need no escaping. */
	public static String string(String value) {
		return "\"" + value + "\"";
	}

	/** Deterministic bytes for keys and filler: the same seed always gives the same bytes. */
	public static byte[] bytes(int length, int seed) {
		byte[] bytes = new byte[length];
		for (int i = 0; i < length; i++) {
			bytes[i] = (byte) (seed * 31 + i * 7);
		}
		return bytes;
	}

	/** Splits a compact JWS into its segments, keeping empty ones. */
	public static String[] segments(String token) {
		return token.split("\\.", -1);
	}

	/** The bytes with their one single-byte marker replaced by the replacement bytes. */
	public static byte[] splice(byte[] bytes, String marker, byte[] replacement) {
		String text = new String(bytes, StandardCharsets.ISO_8859_1);
		int at = text.indexOf(marker);
		if (at < 0) {
			throw new IllegalArgumentException("No marker " + marker + " in the bytes");
		}
		byte[] result = new byte[bytes.length - 1 + replacement.length];
		System.arraycopy(bytes, 0, result, 0, at);
		System.arraycopy(replacement, 0, result, at, replacement.length);
		System.arraycopy(bytes, at + 1, result, at + replacement.length, bytes.length - at - 1);
		return result;
	}

}
