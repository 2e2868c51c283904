package dev.authserver.token;

import dev.authserver.verification.SigningAlgorithm;

/**
 * The raw bytes of the server's two HMAC keys, and its keys without encryption, for tests
 * outside this package that must sign a forged token exactly as the server would, so that
 * only the rule under test can reject it.
 */
public final class ServerKeys {

	private ServerKeys() {
	}

	public static byte[] accessKey(SigningKeys keys) {
		return keys.accessKey().getEncoded();
	}

	public static byte[] refreshKey(SigningKeys keys) {
		return keys.refreshKey().getEncoded();
	}

	/** The same signing keys with access tokens not encrypted. */
	public static SigningKeys withoutEncryption(SigningKeys keys) {
		return keys.withEncryption(null);
	}

	/** The keys the server loads from these settings. */
	public static SigningKeys load(JwtProperties properties) {
		return SigningKeyLoader.load(properties);
	}

	/** A new private key of this algorithm, as PEM PKCS#8. */
	public static String generatedPem(SigningAlgorithm algorithm) {
		return PemKeys.pem(PemKeys.generate(algorithm).getPrivate());
	}

	/** What verifies the access tokens the active key signs: the public key, or the HMAC key. */
	public static java.security.Key accessVerificationKey(SigningKeys keys) {
		return keys.accessVerificationKey(keys.accessKeyId());
	}

}
