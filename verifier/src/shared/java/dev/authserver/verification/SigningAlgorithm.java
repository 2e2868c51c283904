package dev.authserver.verification;

import java.security.Provider;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.SecureDigestAlgorithm;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The algorithm that signs access tokens ({@code auth.jwt.algorithm}, docs/tokens.md). With
 * HS256 every service that verifies holds the signing key; with EdDSA (Ed25519) or ES256
 * (P-256) they hold only the public key, published at {@code /.well-known/jwks.json}. Refresh
 * tokens are HS256 whatever this says: only this server verifies them.
 */
public enum SigningAlgorithm {

	HS256("HS256", null, 43),

	EdDSA("EdDSA", "Ed25519", 86),

	ES256("ES256", "EC", 86);

	private final String jwsName;

	private final String keyFactory;

	private final int signatureLength;

	SigningAlgorithm(String jwsName, String keyFactory, int signatureLength) {
		this.jwsName = jwsName;
		this.keyFactory = keyFactory;
		this.signatureLength = signatureLength;
	}

	/** The {@code alg} header value (RFC 7518 section 3.1, RFC 8037 section 3.1). */
	public String jwsName() {
		return this.jwsName;
	}

	/** Whether it signs with a private key that others never see. */
	public boolean isAsymmetric() {
		return this.keyFactory != null;
	}

	/**
	 * The JCA provider of its signatures and keys: Bouncy Castle for EdDSA and ES256, whose
	 * Ed25519 and P-256 verify about eight times faster than the JDK 17's own (docs/tokens.md);
	 * {@code null} for HS256, which the JDK's HMAC does well. The provider is handed to jjwt
	 * and to the key factories, never registered with the JVM.
	 */
	public Provider provider() {
		return isAsymmetric() ? BouncyCastle.PROVIDER : null;
	}

	/** The JCA key factory of its keys; {@code null} for HS256. */
	public String keyFactory() {
		return this.keyFactory;
	}

	/** The base64url length of its signature: 32 bytes for HS256, 64 for Ed25519 and P-256. */
	public int signatureLength() {
		return this.signatureLength;
	}

	/** jjwt's implementation. */
	@SuppressWarnings("unchecked")
	public <K extends java.security.Key> SecureDigestAlgorithm<K, ?> jjwt() {
		return (SecureDigestAlgorithm<K, ?>) switch (this) {
			case HS256 -> Jwts.SIG.HS256;
			case EdDSA -> Jwts.SIG.EdDSA;
			case ES256 -> Jwts.SIG.ES256;
		};
	}

	/** One provider instance for the process, made on first use. */
	private static final class BouncyCastle {

		static final Provider PROVIDER = new BouncyCastleProvider();

	}

}
