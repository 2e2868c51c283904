package dev.authserver.token;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PrivateJwk;
import io.jsonwebtoken.security.PublicJwk;

import dev.authserver.verification.SigningAlgorithm;

/**
 * Private keys in PEM (RFC 7468, PKCS#8), their public halves, and key pairs of a new start,
 * all as keys of the algorithm's provider. jjwt computes the public key of an Ed25519 or
 * P-256 private key, which PKCS#8 need not carry. A key that cannot be read fails with the
 * property's name and never the key.
 */
final class PemKeys {

	private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";

	private static final String END = "-----END PRIVATE KEY-----";

	private static final byte[] PROBE = { 'p', 'r', 'o', 'b', 'e' };

	private PemKeys() {
	}

	/** The key pair of a PEM PKCS#8 private key for this algorithm. */
	static KeyPair pair(SigningAlgorithm algorithm, String pem, String property) {
		String text = pem.strip();
		if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
			throw new InvalidTokenSettingsException(property,
					"the key must be a PEM PKCS#8 private key, between " + BEGIN + " and " + END);
		}
		try {
			byte[] der = Base64.getMimeDecoder().decode(text.substring(BEGIN.length(), text.length() - END.length()));
			KeyFactory factory = KeyFactory.getInstance(algorithm.keyFactory(), algorithm.provider());
			PrivateKey key = factory.generatePrivate(new PKCS8EncodedKeySpec(der));
			PrivateJwk<?, ?, ?> jwk = (PrivateJwk<?, ?, ?>) Jwks.builder().key(key).build();
			PublicJwk<?> publicJwk = jwk.toPublicJwk();
			PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(publicJwk.toKey().getEncoded()));
			probe(algorithm, key, publicKey);
			return new KeyPair(publicKey, key);
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			// the message of a parser may quote the key: it is not passed on
			throw new InvalidTokenSettingsException(property,
					"the key is not a " + algorithm.jwsName() + " private key ("
							+ ((algorithm == SigningAlgorithm.EdDSA) ? "Ed25519" : "P-256") + ") in PKCS#8");
		}
	}

	/**
	 * Signs and verifies once, so that a key the algorithm cannot use (P-384 for ES256, say,
	 * which the key factory reads without a word) stops the start instead of every login.
	 */
	private static void probe(SigningAlgorithm algorithm, PrivateKey key, PublicKey publicKey) {
		String signed = Jwts.builder()
			.provider(algorithm.provider())
			.content(PROBE)
			.signWith(key, algorithm.jjwt())
			.compact();
		Jwts.parser()
			.provider(algorithm.provider())
			.verifyWith(publicKey)
			.sig().clear().add(algorithm.jjwt()).and()
			.build()
			.parseSignedContent(signed);
	}

	/** A new key pair for the algorithm, as keys of its provider. */
	static KeyPair generate(SigningAlgorithm algorithm) {
		KeyPair generated = (algorithm == SigningAlgorithm.EdDSA) ? Jwks.CRV.Ed25519.keyPair().build()
				: Jwts.SIG.ES256.keyPair().build();
		return pair(algorithm, pem(generated.getPrivate()), "generated key");
	}

	/** The private key in PEM, 64 characters a line. */
	static String pem(PrivateKey key) {
		return BEGIN + "\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(key.getEncoded()) + "\n"
				+ END + "\n";
	}

	/** The {@code kid} of a key given without a name: the start of its RFC 7638 thumbprint. */
	static String thumbprintId(PublicKey key) {
		return Jwks.builder().key(key).build().thumbprint().toString().substring(0, 8);
	}

}
