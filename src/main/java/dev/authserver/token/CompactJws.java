package dev.authserver.token;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The shape checks that jjwt leaves open (SPEC section 6): a compact JWS of at most
 * 8 KiB whose three segments are canonical base64url (RFC 7515 section 2 and
 * RFC 4648 section 3.5: no padding, no other characters, zero trailing bits) of UTF-8.
 * Done before any JSON is parsed, so that a malleable encoding never reaches jjwt.
 */
final class CompactJws {

	static final int MAX_LENGTH = 8 * 1024;

	/** An HS256 signature is 32 bytes: 43 base64url characters. */
	private static final int HS256_SIGNATURE_LENGTH = 43;

	private CompactJws() {
	}

	/** Whether the token has the shape of one of our tokens. */
	static boolean isWellFormed(String token) {
		try {
			check(token);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static void check(String token) {
		if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
			throw malformed();
		}
		int first = token.indexOf('.');
		int second = (first < 0) ? -1 : token.indexOf('.', first + 1);
		if (first <= 0 || second < 0 || second == first + 1 || token.indexOf('.', second + 1) >= 0) {
			throw malformed();
		}
		if (token.length() - second - 1 != HS256_SIGNATURE_LENGTH) {
			throw malformed();
		}
		checkSegment(token, 0, first, true);
		checkSegment(token, first + 1, second, true);
		checkSegment(token, second + 1, token.length(), false);
	}

	private static void checkSegment(String token, int start, int end, boolean text) {
		boolean ascii = true;
		for (int i = start; i < end; i++) {
			if (value(token.charAt(i)) < 0) {
				throw malformed();
			}
		}
		int remainder = (end - start) % 4;
		if (remainder == 1) {
			throw malformed();
		}
		// the last character of a short group carries bits beyond the data: they must be zero
		int last = value(token.charAt(end - 1));
		if ((remainder == 2 && (last & 0x0F) != 0) || (remainder == 3 && (last & 0x03) != 0)) {
			throw malformed();
		}
		if (text) {
			byte[] bytes = Base64.getUrlDecoder().decode(token.substring(start, end));
			for (byte b : bytes) {
				if (b < 0) {
					ascii = false;
					break;
				}
			}
			if (!ascii) {
				requireUtf8(bytes);
			}
		}
	}

	private static void requireUtf8(byte[] bytes) {
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes));
		}
		catch (CharacterCodingException ex) {
			throw malformed();
		}
	}

	private static int value(char c) {
		if (c >= 'A' && c <= 'Z') {
			return c - 'A';
		}
		if (c >= 'a' && c <= 'z') {
			return c - 'a' + 26;
		}
		if (c >= '0' && c <= '9') {
			return c - '0' + 52;
		}
		if (c == '-') {
			return 62;
		}
		if (c == '_') {
			return 63;
		}
		return -1;
	}

	private static IllegalArgumentException malformed() {
		return new IllegalArgumentException("Not a well-formed compact JWS");
	}

}
