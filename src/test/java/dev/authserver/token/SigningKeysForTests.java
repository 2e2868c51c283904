package dev.authserver.token;

/** The raw keys of a running server, for tests that sign tokens exactly as it does. */
public final class SigningKeysForTests {

	private SigningKeysForTests() {
	}

	public static byte[] accessKey(SigningKeys keys) {
		return keys.accessKey().getEncoded();
	}

	public static byte[] refreshKey(SigningKeys keys) {
		return keys.refreshKey().getEncoded();
	}

}
