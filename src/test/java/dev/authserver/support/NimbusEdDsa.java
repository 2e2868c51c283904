package dev.authserver.support;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;

/**
 * What a Spring Security resource server needs to verify EdDSA (Ed25519) tokens, shown in
 * docs/tokens.md: Nimbus, under Spring's {@code NimbusJwtDecoder}, turns only RSA and EC JWKs
 * into Java keys and verifies Ed25519 only through Google Tink, so this customizer selects
 * Ed25519 JWKs from the decoder's own JWK source and verifies with the JDK's Ed25519. Every
 * other algorithm goes on as before.
 */
public final class NimbusEdDsa {

	/** The DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519, before the 32 key bytes. */
	private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

	private NimbusEdDsa() {
	}

	/** For {@code NimbusJwtDecoder.withJwkSetUri(..)} or {@code withIssuerLocation(..)}: {@code .jwtProcessorCustomizer(NimbusEdDsa.customizer())}. */
	public static Consumer<ConfigurableJWTProcessor<SecurityContext>> customizer() {
		return (processor) -> {
			JWSKeySelector<SecurityContext> others = processor.getJWSKeySelector();
			JWKSource<SecurityContext> source = ((JWSVerificationKeySelector<SecurityContext>) others).getJWKSource();
			processor.setJWSKeySelector((header, context) -> JWSAlgorithm.EdDSA.equals(header.getAlgorithm())
					? ed25519Keys(header, source, context) : others.selectJWSKeys(header, context));
			processor.setJWSVerifierFactory(new VerifierFactory());
		};
	}

	private static List<Key> ed25519Keys(JWSHeader header, JWKSource<SecurityContext> source, SecurityContext context)
			throws KeySourceException {
		JWKMatcher matcher = new JWKMatcher.Builder().keyType(com.nimbusds.jose.jwk.KeyType.OKP)
			.curve(Curve.Ed25519)
			.keyID(header.getKeyID())
			.publicOnly(true)
			.build();
		List<Key> keys = new ArrayList<>();
		for (JWK jwk : source.get(new JWKSelector(matcher), context)) {
			keys.add(publicKey((OctetKeyPair) jwk));
		}
		return keys;
	}

	private static PublicKey publicKey(OctetKeyPair jwk) throws KeySourceException {
		byte[] x = jwk.getX().decode();
		byte[] encoded = new byte[ED25519_SPKI_PREFIX.length + x.length];
		System.arraycopy(ED25519_SPKI_PREFIX, 0, encoded, 0, ED25519_SPKI_PREFIX.length);
		System.arraycopy(x, 0, encoded, ED25519_SPKI_PREFIX.length, x.length);
		try {
			return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
		}
		catch (GeneralSecurityException ex) {
			throw new KeySourceException("Not an Ed25519 public key", ex);
		}
	}

	/** Verifiers for EdDSA with the JDK, and Nimbus' own for every other algorithm. */
	private static final class VerifierFactory implements JWSVerifierFactory {

		private final DefaultJWSVerifierFactory others = new DefaultJWSVerifierFactory();

		@Override
		public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
			if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
				return this.others.createJWSVerifier(header, key);
			}
			if (!(key instanceof java.security.interfaces.EdECPublicKey publicKey)) {
				throw new JOSEException("Not an Ed25519 public key");
			}
			return new Ed25519Verifier(publicKey);
		}

		@Override
		public Set<JWSAlgorithm> supportedJWSAlgorithms() {
			Set<JWSAlgorithm> algorithms = new java.util.HashSet<>(this.others.supportedJWSAlgorithms());
			algorithms.add(JWSAlgorithm.EdDSA);
			return algorithms;
		}

		@Override
		public JCAContext getJCAContext() {
			return this.others.getJCAContext();
		}

	}

	private record Ed25519Verifier(PublicKey key) implements JWSVerifier {

		@Override
		public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
			try {
				Signature verifier = Signature.getInstance("Ed25519");
				verifier.initVerify(this.key);
				verifier.update(signingInput);
				return verifier.verify(signature.decode());
			}
			catch (GeneralSecurityException ex) {
				return false;
			}
		}

		@Override
		public Set<JWSAlgorithm> supportedJWSAlgorithms() {
			return Set.of(JWSAlgorithm.EdDSA);
		}

		@Override
		public JCAContext getJCAContext() {
			return new JCAContext();
		}

	}

}
