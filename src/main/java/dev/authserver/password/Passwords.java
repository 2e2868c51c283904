package dev.authserver.password;

/** Password text checks shared by signup and login. */
public final class Passwords {

	private Passwords() {
	}

	/**
	 * Whether the text is well-formed UTF-16: JSON may carry a lone surrogate
	 * ({@code "\ud800"}), which no hash function can encode as UTF-8.
	 */
	public static boolean isWellFormed(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

}
