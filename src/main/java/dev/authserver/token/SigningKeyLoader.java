package dev.authserver.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.authserver.verification.SigningAlgorithm;

/**
 * Turns {@link JwtProperties} into {@link SigningKeys}: a configured secret always wins;
 * without one, a random 256-bit key is generated once into the key file (owner-only) and
 * reused on later starts (docs/operations.md). Bad settings fail startup with one clear line.
 */
final class SigningKeyLoader {

	private static final Logger logger = LoggerFactory.getLogger(SigningKeyLoader.class);

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private SigningKeyLoader() {
	}

	static SigningKeys load(JwtProperties properties) {
		SigningKeys keys = signingKeys(properties);
		if (properties.encryption() == JwtProperties.Encryption.NONE) {
			return keys;
		}
		byte[] material;
		if (properties.encryptionKey() != null && !properties.encryptionKey().isBlank()) {
			material = decode("auth.jwt.encryption-key", properties.encryptionKey());
		}
		else {
			material = loadOrGenerate(properties.keyFile().resolveSibling("jwt-encryption.key"), "token encryption key",
					"auth.jwt.encryption-key");
		}
		if (material.length != 32) {
			throw new InvalidTokenSettingsException("auth.jwt.encryption-key",
					"the key must decode to exactly 32 bytes (AES-256), it has " + material.length);
		}
		return keys.withEncryption(new SecretKeySpec(material, "AES"));
	}

	private static SigningKeys signingKeys(JwtProperties properties) {
		requirePositive("auth.jwt.access-token-ttl", properties.accessTokenTtl());
		requirePositive("auth.jwt.refresh-token-ttl", properties.refreshTokenTtl());
		if (properties.clockSkew().isNegative()) {
			throw new InvalidTokenSettingsException("auth.jwt.clock-skew", "the clock skew must not be negative");
		}
		if (properties.refreshReuseGrace().isNegative()) {
			throw new InvalidTokenSettingsException("auth.jwt.refresh-reuse-grace",
					"the grace period must not be negative");
		}
		SigningAlgorithm algorithm = properties.algorithm();
		if (!algorithm.isAsymmetric()) {
			for (int i = 0; i < properties.keys().size(); i++) {
				if (properties.keys().get(i).privateKey() != null) {
					throw new InvalidTokenSettingsException("auth.jwt.keys[" + i + "].private-key",
							"a private key signs with auth.jwt.algorithm EdDSA or ES256, not HS256");
				}
			}
			return hmacKeys(properties);
		}
		return signers(properties, refreshKeys(properties));
	}

	/**
	 * With EdDSA or ES256, the HMAC keys of refresh tokens, which stay HS256: {@code auth.jwt.secret}
	 * and the {@code keys[n].secret} of named keys, as under HS256, or one generated. The one that
	 * signs is the active key's secret, else {@code auth.jwt.secret}, else the only one; so a
	 * server moving from HS256 keeps its named keys, and every refresh token still verifies.
	 */
	private static SigningKeys refreshKeys(JwtProperties properties) {
		Map<String, byte[]> materials = new LinkedHashMap<>();
		for (int i = 0; i < properties.keys().size(); i++) {
			JwtProperties.Key key = properties.keys().get(i);
			if (key.secret() != null && !key.secret().isBlank()) {
				String prefix = "auth.jwt.keys[" + i + "]";
				requireKeyId(prefix, key);
				if (materials.put(key.id(), decode(prefix + ".secret", key.secret())) != null) {
					throw new InvalidTokenSettingsException(prefix + ".id", "two keys have the id " + key.id());
				}
			}
		}
		if (materials.isEmpty()) {
			return properties.hasSecret() ? SigningKeys.of(decode("auth.jwt.secret", properties.secret()))
					: SigningKeys.of(loadOrGenerate(properties.keyFile()));
		}
		String active = properties.activeKeyId();
		if (active == null || !materials.containsKey(active)) {
			active = (materials.size() == 1) ? materials.keySet().iterator().next() : null;
		}
		if (properties.hasSecret()) {
			byte[] material = decode("auth.jwt.secret", properties.secret());
			String derived = SigningKeys.derivedKeyId(material);
			materials.putIfAbsent(derived, material);
			if (properties.activeKeyId() == null || !materials.containsKey(properties.activeKeyId())) {
				active = derived;
			}
		}
		if (active == null) {
			throw new InvalidTokenSettingsException("auth.jwt.active-key-id", "with several keys[n].secret beside "
					+ "the key pairs, the active key carries the secret that signs refresh tokens");
		}
		return SigningKeys.of(materials, active);
	}

	private static void requireKeyId(String prefix, JwtProperties.Key key) {
		if (key.id() == null || !KEY_ID.matcher(key.id()).matches()) {
			throw new InvalidTokenSettingsException(prefix + ".id", "a key id must be 1 to 64 of A-Z a-z 0-9 . _ -");
		}
	}

	private static SigningKeys hmacKeys(JwtProperties properties) {
		if (!properties.keys().isEmpty()) {
			return ring(properties);
		}
		if (properties.hasSecret()) {
			return SigningKeys.of(decode("auth.jwt.secret", properties.secret()));
		}
		return SigningKeys.of(loadOrGenerate(properties.keyFile()));
	}

	/**
	 * The key pairs of an asymmetric algorithm: the configured private keys, each named by its
	 * id, or one generated on first start into the data folder and reused after, named by the
	 * start of its public key's RFC 7638 thumbprint.
	 */
	private static SigningKeys signers(JwtProperties properties, SigningKeys hmac) {
		SigningAlgorithm algorithm = properties.algorithm();
		Map<String, KeyPair> pairs = new LinkedHashMap<>();
		for (int i = 0; i < properties.keys().size(); i++) {
			JwtProperties.Key key = properties.keys().get(i);
			String prefix = "auth.jwt.keys[" + i + "]";
			requireKeyId(prefix, key);
			if (key.privateKey() == null || key.privateKey().isBlank()) {
				if (key.secret() == null || key.secret().isBlank()) {
					throw new InvalidTokenSettingsException(prefix + ".private-key",
							"the key has neither a private key nor a secret");
				}
				// an HMAC key of refresh tokens only
				continue;
			}
			if (pairs.put(key.id(), PemKeys.pair(algorithm, key.privateKey(), prefix + ".private-key")) != null) {
				throw new InvalidTokenSettingsException(prefix + ".id", "two keys have the id " + key.id());
			}
		}
		if (pairs.isEmpty()) {
			Path file = properties.keyFile().resolveSibling("jwt-" + algorithm.jwsName().toLowerCase(Locale.ROOT) + ".pem");
			KeyPair generated = loadOrGeneratePair(algorithm, file);
			pairs.put(PemKeys.thumbprintId(generated.getPublic()), generated);
		}
		String active = properties.activeKeyId();
		boolean named = active != null && !active.isBlank();
		if (!named || !pairs.containsKey(active)) {
			// an active id may name an HMAC key alone: it then signs refresh tokens only
			if (named && properties.keys().stream().noneMatch((key) -> active.equals(key.id()))) {
				throw new InvalidTokenSettingsException("auth.jwt.active-key-id", "no key has the id " + active);
			}
			if (pairs.size() > 1) {
				throw new InvalidTokenSettingsException("auth.jwt.active-key-id",
						"with several key pairs, name the one that signs new tokens");
			}
			return hmac.withSigners(algorithm, pairs, pairs.keySet().iterator().next());
		}
		return hmac.withSigners(algorithm, pairs, active);
	}

	private static KeyPair loadOrGeneratePair(SigningAlgorithm algorithm, Path file) {
		String property = "auth.jwt.key-file";
		try {
			if (Files.exists(file)) {
				requireOwnerOnly(file);
				logger.info("Using the {} key pair stored in {}", algorithm.jwsName(), file.toAbsolutePath());
				return PemKeys.pair(algorithm, Files.readString(file, StandardCharsets.US_ASCII), property);
			}
			KeyPair generated = PemKeys.generate(algorithm);
			write(file, PemKeys.pem(generated.getPrivate()));
			logger.info("No auth.jwt.keys configured: generated a new {} key pair into {}", algorithm.jwsName(),
					file.toAbsolutePath());
			return generated;
		}
		catch (FileAlreadyExistsException ex) {
			// another instance on the same folder won the race; take its key
			return loadOrGeneratePair(algorithm, file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or write the key file " + file.toAbsolutePath(), ex);
		}
	}

	/**
	 * Named keys for rotation. A single {@code auth.jwt.secret} next to them still verifies,
	 * under its derived {@code kid}: moving from one secret to named keys logs no one out.
	 */
	private static SigningKeys ring(JwtProperties properties) {
		Map<String, byte[]> materials = new LinkedHashMap<>();
		for (int i = 0; i < properties.keys().size(); i++) {
			JwtProperties.Key key = properties.keys().get(i);
			String prefix = "auth.jwt.keys[" + i + "]";
			if (key.id() == null || !KEY_ID.matcher(key.id()).matches()) {
				throw new InvalidTokenSettingsException(prefix + ".id",
						"a key id must be 1 to 64 of A-Z a-z 0-9 . _ -");
			}
			if (key.secret() == null || key.secret().isBlank()) {
				throw new InvalidTokenSettingsException(prefix + ".secret", "the key has no secret");
			}
			if (materials.put(key.id(), decode(prefix + ".secret", key.secret())) != null) {
				throw new InvalidTokenSettingsException(prefix + ".id", "two keys have the id " + key.id());
			}
		}
		if (properties.hasSecret()) {
			byte[] material = decode("auth.jwt.secret", properties.secret());
			materials.putIfAbsent(SigningKeys.derivedKeyId(material), material);
		}
		String active = properties.activeKeyId();
		if (active == null || active.isBlank()) {
			if (properties.keys().size() > 1) {
				throw new InvalidTokenSettingsException("auth.jwt.active-key-id",
						"with several keys, name the one that signs new tokens");
			}
			active = properties.keys().get(0).id();
		}
		if (!materials.containsKey(active)) {
			throw new InvalidTokenSettingsException("auth.jwt.active-key-id", "no key has the id " + active);
		}
		return SigningKeys.of(materials, active);
	}

	private static void requirePositive(String name, Duration value) {
		// JWT times are whole seconds (RFC 7519 section 2, NumericDate)
		if (value.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new InvalidTokenSettingsException(name,
					"a token lifetime must be positive, at least one second; it is " + value);
		}
	}

	private static byte[] decode(String property, String base64) {
		String text = base64.strip();
		byte[] material;
		try {
			// the base64url alphabet too, since keys are often handed around in that form
			boolean url = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
			material = (url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidTokenSettingsException(property,
					"the key must be base64 (for example the output of 'openssl rand -base64 32')");
		}
		if (material.length < SigningKeys.MIN_KEY_BYTES) {
			throw new InvalidTokenSettingsException(property, "the key must decode to at least "
					+ SigningKeys.MIN_KEY_BYTES + " bytes, it has " + material.length + " (try 'openssl rand -base64 32')");
		}
		return material;
	}

	private static byte[] loadOrGenerate(Path file) {
		return loadOrGenerate(file, "signing key", "auth.jwt.secret");
	}

	/** A random 256-bit key kept in the file: read when it exists, else generated into it. */
	private static byte[] loadOrGenerate(Path file, String what, String property) {
		try {
			if (Files.exists(file)) {
				requireOwnerOnly(file);
				logger.info("Using the {} stored in {}", what, file.toAbsolutePath());
				return decode("auth.jwt.key-file", Files.readString(file, StandardCharsets.US_ASCII));
			}
			byte[] material = new byte[SigningKeys.MIN_KEY_BYTES];
			new SecureRandom().nextBytes(material);
			write(file, Base64.getEncoder().encodeToString(material));
			logger.info("No {} configured: generated a new {} into {}", property, what, file.toAbsolutePath());
			return material;
		}
		catch (FileAlreadyExistsException ex) {
			// another instance on the same folder won the race; take its key
			return loadOrGenerate(file, what, property);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or write the key file " + file.toAbsolutePath(), ex);
		}
	}

	/**
	 * A key others could read may have been read: the server refuses it, as OpenSSH refuses a
	 * private key with group or other permissions.
	 */
	private static void requireOwnerOnly(Path file) throws IOException {
		if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			return;
		}
		Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
		for (PosixFilePermission permission : permissions) {
			if (permission != PosixFilePermission.OWNER_READ && permission != PosixFilePermission.OWNER_WRITE
					&& permission != PosixFilePermission.OWNER_EXECUTE) {
				throw new InvalidTokenSettingsException("auth.jwt.key-file", "the key file " + file.toAbsolutePath()
						+ " is readable by others (" + PosixFilePermissions.toString(permissions)
						+ "); replace the key if others may have read it, or make it its owner's alone with 'chmod 600'");
			}
		}
	}

	private static void write(Path file, String content) throws IOException {
		Path dir = file.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
		Path temp = posix ? Files.createTempFile(dir, ".key", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
				: Files.createTempFile(dir, ".key", ".tmp");
		try {
			Files.writeString(temp, content, StandardCharsets.US_ASCII);
			// no REPLACE_EXISTING: a key another instance already wrote is never overwritten
			Files.move(temp, file);
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

}
