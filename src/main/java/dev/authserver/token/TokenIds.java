package dev.authserver.token;

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
	 * An access token's {@code jti}: its session's id in 22 base64url characters, then 6
	 * random ones. The token names its session without a claim of its own, which keeps it
	 * under 400 bytes (SPEC section 6).
	 */
	public static String forSession(UUID sessionId) {
		ByteBuffer buffer = ByteBuffer.allocate(22);
		buffer.putLong(sessionId.getMostSignificantBits()).putLong(sessionId.getLeastSignificantBits());
		byte[] nonce = new byte[6];
		random.nextBytes(nonce);
		buffer.put(nonce);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array()).substring(0, 28);
	}

	/** The session an access token's {@code jti} names, or throws {@link IllegalArgumentException}. */
	public static UUID sessionOf(String jti) {
		if (jti == null || jti.length() != 28) {
			throw new IllegalArgumentException("Not a session-bound token id");
		}
		ByteBuffer buffer = ByteBuffer.wrap(Base64.getUrlDecoder().decode(jti.substring(0, 22)));
		return new UUID(buffer.getLong(), buffer.getLong());
	}

}
