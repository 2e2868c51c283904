package dev.authserver.verification;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The shape checks that jjwt leaves open (docs/tokens.md): a compact JWS of at most
 * 8 KiB whose three segments are canonical base64url (RFC 7515 section 2 and
 * RFC 4648 section 3.5: no padding, no other characters, zero trailing bits) of UTF-8.
 * Done before any JSON is parsed, so that a malleable encoding never reaches jjwt.
 */
public final class CompactJws {

	public static final int MAX_LENGTH = 8 * 1024;

	/** Base64url characters of AES-GCM's 96-bit initialization vector. */
	private static final int GCM_IV_LENGTH = 16;

	/** Base64url characters of AES-GCM's 128-bit authentication tag. */
	private static final int GCM_TAG_LENGTH = 22;

	/** What {@link #scan} finds in a canonical segment: bytes all ASCII, or some beyond. */
	private static final int ASCII = 0;

	private static final int BEYOND_ASCII = 1;

	/** The value of each base64url character (RFC 4648 section 5), -1 for any other. */
	private static final byte[] VALUES = new byte[128];

	static {
		Arrays.fill(VALUES, (byte) -1);
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		for (int i = 0; i < alphabet.length(); i++) {
			VALUES[alphabet.charAt(i)] = (byte) i;
		}
	}

	private CompactJws() {
	}

	/**
	 * Whether the token has the shape of one of our tokens. One pass over the characters,
	 * allocating nothing unless a segment decodes to bytes beyond ASCII, which are then
	 * checked to be UTF-8.
	 */
	public static boolean isWellFormed(String token, int signatureLength) {
		if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
			return false;
		}
		int first = token.indexOf('.');
		int second = (first < 0) ? -1 : token.indexOf('.', first + 1);
		if (first <= 0 || second < 0 || second == first + 1 || token.indexOf('.', second + 1) >= 0
				|| token.length() - second - 1 != signatureLength) {
			return false;
		}
		return isCanonicalText(token, 0, first) && isCanonicalText(token, first + 1, second)
				&& scan(token, second + 1, token.length()) >= 0;
	}

	/**
	 * Whether the token has the shape of one of our encrypted tokens (RFC 7516 section 7.1):
	 * five segments of canonical base64url, the second (the encrypted key) empty, as
	 * {@code alg: dir} has none, the initialization vector and tag of AES-GCM's sizes, the first
	 * UTF-8.
	 */
	public static boolean isWellFormedJwe(String token) {
		if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
			return false;
		}
		int[] dots = new int[4];
		int from = 0;
		for (int i = 0; i < 4; i++) {
			dots[i] = token.indexOf('.', from);
			if (dots[i] < 0) {
				return false;
			}
			from = dots[i] + 1;
		}
		if (token.indexOf('.', from) >= 0 || dots[0] == 0 || dots[1] != dots[0] + 1 || dots[2] == dots[1] + 1
				|| dots[2] - dots[1] - 1 != GCM_IV_LENGTH || dots[3] == dots[2] + 1
				|| token.length() - dots[3] - 1 != GCM_TAG_LENGTH) {
			return false;
		}
		return isCanonicalText(token, 0, dots[0]) && scan(token, dots[1] + 1, dots[2]) >= 0
				&& scan(token, dots[2] + 1, dots[3]) >= 0 && scan(token, dots[3] + 1, token.length()) >= 0;
	}

	private static boolean isCanonicalText(String token, int start, int end) {
		int scanned = scan(token, start, end);
		return scanned == ASCII || (scanned == BEYOND_ASCII && isUtf8(token.substring(start, end)));
	}

	/**
	 * Checks that {@code token[start, end)} is canonical base64url and decodes it on the fly
	 * far enough to see the top bit of each byte: -1 if not canonical, else whether any
	 * decoded byte is beyond ASCII.
	 */
	private static int scan(String token, int start, int end) {
		int group = 0;
		int count = 0;
		int high = 0;
		for (int i = start; i < end; i++) {
			int value = base64UrlValue(token.charAt(i));
			if (value < 0) {
				return -1;
			}
			group = (group << 6) | value;
			if (++count == 4) {
				high |= group & 0x808080;
				group = 0;
				count = 0;
			}
		}
		// a short last group carries bits beyond the data: they must be zero
		switch (count) {
			case 1:
				return -1;
			case 2:
				if ((group & 0x0F) != 0) {
					return -1;
				}
				high |= group & 0x800;
				break;
			case 3:
				if ((group & 0x03) != 0) {
					return -1;
				}
				high |= group & 0x20200;
				break;
			default:
				break;
		}
		return (high != 0) ? BEYOND_ASCII : ASCII;
	}

	/** The value of a base64url character, or -1 for any other. */
	public static int base64UrlValue(char c) {
		return (c < VALUES.length) ? VALUES[c] : -1;
	}

	private static boolean isUtf8(String segment) {
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(Base64.getUrlDecoder().decode(segment)));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

}
