package dev.authserver.token;

import java.security.SecureRandom;
import java.util.Base64;

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

}
