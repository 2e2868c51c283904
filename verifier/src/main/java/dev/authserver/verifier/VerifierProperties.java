package dev.authserver.verifier;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.authserver.verification.SigningAlgorithm;

/**
 * Settings of the verifier library (the table in verifier/README.md). They are checked when the
 * verifier is built, so that a bad one stops the start with one line naming the property and
 * never its value.
 *
 * @param jwkSetUri the server's JWK Set ({@code /.well-known/jwks.json}), for EdDSA and ES256
 * @param secret base64 of the server's HMAC key ({@code auth.jwt.secret}), for HS256; exactly one
 * of this and {@code jwkSetUri}
 * @param algorithm the one algorithm access tokens are signed with ({@code auth.jwt.algorithm});
 * HS256 when {@code secret} is given, required with {@code jwkSetUri}
 * @param issuer the {@code iss} required ({@code auth.jwt.issuer})
 * @param audience the value {@code aud} must contain ({@code auth.jwt.audience})
 * @param accessTokenTtl the longest lifetime a token may claim ({@code auth.jwt.access-token-ttl})
 * @param clockSkew leeway on the times of a token ({@code auth.jwt.clock-skew})
 * @param encryptionKey base64 of the 32-byte AES key of encrypted tokens
 * ({@code auth.jwt.encryption-key}), only when the server's {@code auth.jwt.encryption} is
 * {@code dir}
 * @param jwkSetRefresh how often the JWK Set is read again
 * @param eventsUri the server's event feed ({@code /api/events/poll})
 * @param clientId this service's client id on the server ({@code auth.services[n].id})
 * @param clientSecret its secret ({@code auth.services[n].secret})
 * @param maxStaleness how long after the last successful read of the feed tokens are still
 * accepted; after it, protected calls answer 503 {@code revocations_stale}
 */
@ConfigurationProperties("auth.verifier")
public record VerifierProperties(URI jwkSetUri, String secret, SigningAlgorithm algorithm,
		@DefaultValue("auth-server") String issuer, @DefaultValue("api") String audience,
		@DefaultValue("15m") Duration accessTokenTtl, @DefaultValue("30s") Duration clockSkew, String encryptionKey,
		@DefaultValue("5m") Duration jwkSetRefresh, URI eventsUri, String clientId, String clientSecret,
		@DefaultValue("30s") Duration maxStaleness) {

	/** The algorithm in force: the one named, or HS256 for a secret. */
	public SigningAlgorithm effectiveAlgorithm() {
		return (this.algorithm == null && hasText(this.secret)) ? SigningAlgorithm.HS256 : this.algorithm;
	}

	static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

	@Override
	public String toString() {
		return "VerifierProperties[jwkSetUri=" + this.jwkSetUri + ", secret="
				+ (hasText(this.secret) ? "<redacted>" : "<none>") + ", algorithm=" + this.algorithm + ", issuer="
				+ this.issuer + ", audience=" + this.audience + ", accessTokenTtl=" + this.accessTokenTtl
				+ ", clockSkew=" + this.clockSkew + ", encryptionKey="
				+ (hasText(this.encryptionKey) ? "<redacted>" : "<none>") + ", jwkSetRefresh=" + this.jwkSetRefresh
				+ ", eventsUri=" + this.eventsUri + ", clientId=" + this.clientId + ", clientSecret=<redacted>"
				+ ", maxStaleness=" + this.maxStaleness + "]";
	}

}
