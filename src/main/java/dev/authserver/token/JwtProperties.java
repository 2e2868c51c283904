package dev.authserver.token;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.authserver.verification.SigningAlgorithm;

/**
 * Settings for issuing and verifying tokens (the configuration table in the README). The
 * secret is checked when the keys are built, so that a bad one fails startup with one clear
 * line.
 *
 * @param secret base64 of the HMAC key; when absent a key is generated into {@code keyFile}
 * @param keyFile where a generated key is kept between starts
 * @param issuer the {@code iss} written and required
 * @param audience the {@code aud} written and required
 * @param accessTokenTtl access token lifetime
 * @param refreshTokenTtl refresh token lifetime
 * @param clockSkew leeway on {@code exp}, {@code nbf} and {@code iat}
 * @param refreshReuseGrace how long a spent refresh token still yields the same next token
 * @param keys named keys, for rotation: tokens are signed with the active one and verified
 * with any of them (docs/operations.md)
 * @param activeKeyId the id of the key new tokens are signed with
 * @param algorithm what signs access tokens: HS256, or EdDSA or ES256 with key pairs from
 * {@code keys[n].private-key} or generated next to {@code keyFile}
 * @param encryption whether access tokens are also encrypted
 * @param encryptionKey base64 of the 32-byte AES key that encrypts them; when absent one is
 * generated next to {@code keyFile}
 */
@Validated
@ConfigurationProperties("auth.jwt")
public record JwtProperties(String secret, @DefaultValue("data/jwt-signing.key") @NotNull Path keyFile,
		@DefaultValue("auth-server") @NotBlank String issuer, @DefaultValue("api") @NotBlank String audience,
		@DefaultValue("15m") @NotNull Duration accessTokenTtl, @DefaultValue("14d") @NotNull Duration refreshTokenTtl,
		@DefaultValue("30s") @NotNull Duration clockSkew, @DefaultValue("5s") @NotNull Duration refreshReuseGrace,
		@DefaultValue List<Key> keys, String activeKeyId,
		@DefaultValue("HS256") @NotNull SigningAlgorithm algorithm, @DefaultValue("none") @NotNull Encryption encryption,
		String encryptionKey) {

	@ConstructorBinding
	public JwtProperties {
		keys = (keys != null) ? List.copyOf(keys) : List.of();
	}

	/** The settings with named keys and HS256. */
	public JwtProperties(String secret, Path keyFile, String issuer, String audience, Duration accessTokenTtl,
			Duration refreshTokenTtl, Duration clockSkew, Duration refreshReuseGrace, List<Key> keys,
			String activeKeyId) {
		this(secret, keyFile, issuer, audience, accessTokenTtl, refreshTokenTtl, clockSkew, refreshReuseGrace, keys,
				activeKeyId, SigningAlgorithm.HS256);
	}

	/** The settings with named keys of this algorithm, and tokens not encrypted. */
	public JwtProperties(String secret, Path keyFile, String issuer, String audience, Duration accessTokenTtl,
			Duration refreshTokenTtl, Duration clockSkew, Duration refreshReuseGrace, List<Key> keys,
			String activeKeyId, SigningAlgorithm algorithm) {
		this(secret, keyFile, issuer, audience, accessTokenTtl, refreshTokenTtl, clockSkew, refreshReuseGrace, keys,
				activeKeyId, algorithm, Encryption.NONE, null);
	}

	/** The settings with a single key, or a generated one when {@code secret} is {@code null}. */
	public JwtProperties(String secret, Path keyFile, String issuer, String audience, Duration accessTokenTtl,
			Duration refreshTokenTtl, Duration clockSkew, Duration refreshReuseGrace) {
		this(secret, keyFile, issuer, audience, accessTokenTtl, refreshTokenTtl, clockSkew, refreshReuseGrace, List.of(),
				null);
	}

	/**
	 * One named key: an HMAC secret for HS256, or a private key for EdDSA or ES256.
	 *
	 * @param id its {@code kid}
	 * @param secret base64 of the HMAC key, at least 32 bytes
	 * @param privateKey a PEM PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----})
	 */
	public record Key(String id, String secret, String privateKey) {

		@ConstructorBinding
		public Key {
		}

		/** An HMAC key. */
		public Key(String id, String secret) {
			this(id, secret, null);
		}

		@Override
		public String toString() {
			return "Key[id=" + this.id + ", secret=<redacted>, privateKey=<redacted>]";
		}

	}

	boolean hasSecret() {
		return this.secret != null && !this.secret.isBlank();
	}

	@Override
	public String toString() {
		return "JwtProperties[issuer=" + this.issuer + ", audience=" + this.audience + ", accessTokenTtl="
				+ this.accessTokenTtl + ", refreshTokenTtl=" + this.refreshTokenTtl + ", clockSkew=" + this.clockSkew
				+ ", refreshReuseGrace=" + this.refreshReuseGrace + ", keyFile=" + this.keyFile + ", secret="
				+ (hasSecret() ? "<redacted>" : "<generated>") + ", keys=" + this.keys + ", activeKeyId="
				+ this.activeKeyId + ", algorithm=" + this.algorithm + ", encryption=" + this.encryption
				+ ", encryptionKey=" + ((this.encryptionKey != null) ? "<redacted>" : "<generated>") + "]";
	}

	/**
	 * Whether access tokens are encrypted: with {@code dir}, an access token is a nested JWT
	 * (RFC 7519 section 5.2), the signed token inside a JWE (RFC 7516) encrypted with
	 * AES-256-GCM under a key the server holds, so that a client cannot read its claims.
	 */
	public enum Encryption {

		/** Signed only. */
		NONE,

		/** Signed, then encrypted with {@code alg: dir}, {@code enc: A256GCM}. */
		DIR

	}

}
