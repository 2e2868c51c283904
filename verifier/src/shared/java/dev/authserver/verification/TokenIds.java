package dev.authserver.verification;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;


/** Random {@code jti} values: 128 bits in 22 base64url characters, to keep tokens small. */
public final class TokenIds {

	private static final SecureRandom random = new SecureRandom();

	private TokenIds() {
	}

	public static String next() {
		byte[] bytes = new byte[16];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * An access token's {@code jti}: its session's id in 22 base64url characters
	 * ({@link #sessionText}), then 6 random ones. The token names its session without a claim of
	 * its own, which keeps it under 400 bytes (docs/tokens.md).
	 */
	public static String forSession(UUID sessionId) {
		byte[] nonce = new byte[6];
		random.nextBytes(nonce);
		return sessionText(sessionId) + Base64.getUrlEncoder().withoutPadding().encodeToString(nonce).substring(0, 6);
	}

	/**
	 * A session's id as the first 22 characters of its access tokens' {@code jti} and as the
	 * {@code opaque} subject of its revocation events: its 16 bytes in unpadded base64url.
	 */
	public static String sessionText(UUID sessionId) {
		ByteBuffer buffer = ByteBuffer.allocate(16);
		buffer.putLong(sessionId.getMostSignificantBits()).putLong(sessionId.getLeastSignificantBits());
		return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
	}

	/** The session an access token's {@code jti} names, or throws {@link IllegalArgumentException}. */
	public static UUID sessionOf(String jti) {
		if (jti == null || jti.length() != 28) {
			throw new IllegalArgumentException("Not a session-bound token id");
		}
		// 22 characters carry 132 bits: the session's 128, then 4 that are ignored
		long high = 0;
		long low = 0;
		for (int i = 0; i < 22; i++) {
			int value = CompactJws.base64UrlValue(jti.charAt(i));
			if (value < 0) {
				throw new IllegalArgumentException("Not a session-bound token id");
			}
			if (i < 10) {
				high = (high << 6) | value;
			}
			else if (i == 10) {
				high = (high << 4) | (value >>> 2);
				low = value & 0x03;
			}
			else if (i < 21) {
				low = (low << 6) | value;
			}
			else {
				low = (low << 2) | (value >>> 4);
			}
		}
		return new UUID(high, low);
	}

}
