package dev.authserver.verifier;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.spec.SecretKeySpec;

import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PublicJwk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.authserver.verification.JwtParsers;
import dev.authserver.verification.SigningAlgorithm;

/**
 * The keys that verify the server's tokens, by {@code kid}: the HMAC key of
 * {@code auth.verifier.secret}, or the public keys of the server's JWK Set (RFC 7517), read at
 * start and again in the background, periodically and soon after a token names a {@code kid}
 * not held. Looking a key up only reads memory: a token with an unknown {@code kid} is refused
 * at once, and the request that brought it never waits on the network.
 */
final class VerificationKeys {

	private static final Logger logger = LoggerFactory.getLogger(VerificationKeys.class);

	/** The most keys held: a server publishes its active key and the few still rotating out. */
	static final int MAX_KEYS = 16;

	/** The shortest time between two reads that tokens with unknown key ids ask for. */
	static final Duration UNKNOWN_KID_REFRESH_INTERVAL = Duration.ofSeconds(5);

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final SigningAlgorithm algorithm;

	/** The HMAC key, or {@code null} with a JWK Set. */
	private final Key secret;

	private final URI jwkSetUri;

	private final Duration refreshInterval;

	private final HttpClient http;

	/** The keys of the last JWK Set read, by {@code kid}; replaced whole, never changed. */
	private volatile Map<String, Key> keys = Map.of();

	private volatile boolean loaded;

	/** When a read was last asked for by an unknown {@code kid}, in {@link System#nanoTime}. */
	private final AtomicLong lastAskedAt = new AtomicLong(System.nanoTime() - UNKNOWN_KID_REFRESH_INTERVAL.toNanos());

	/** Whether the last read failed, so that an outage is logged once, not on every attempt. */
	private boolean failing;

	/** Whether a set without a usable key was logged, once. */
	private boolean warnedUnusable;

	private ScheduledExecutorService scheduler;

	private VerificationKeys(SigningAlgorithm algorithm, Key secret, URI jwkSetUri, Duration refreshInterval,
			HttpClient http) {
		this.algorithm = algorithm;
		this.secret = secret;
		this.jwkSetUri = jwkSetUri;
		this.refreshInterval = refreshInterval;
		this.http = http;
		this.loaded = (secret != null);
	}

	/** The keys the checked settings name. */
	static VerificationKeys of(VerifierProperties properties, HttpClient http) {
		if (properties.jwkSetUri() == null) {
			byte[] material = InvalidVerifierSettingsException.decode("auth.verifier.secret", properties.secret(),
					InvalidVerifierSettingsException.MIN_SECRET_BYTES, false);
			return new VerificationKeys(SigningAlgorithm.HS256, new SecretKeySpec(material, "HmacSHA256"), null, null,
					http);
		}
		return new VerificationKeys(properties.effectiveAlgorithm(), null, properties.jwkSetUri(),
				properties.jwkSetRefresh(), http);
	}

	SigningAlgorithm algorithm() {
		return this.algorithm;
	}

	/**
	 * The key of this {@code kid}, or {@code null}. With a JWK Set, an unknown {@code kid} asks
	 * for the set to be read again in the background, at most once every few seconds.
	 */
	Key find(String kid) {
		if (this.secret != null) {
			// one HMAC key: the kid the server names it by is of no consequence
			return this.secret;
		}
		Key key = (kid != null) ? this.keys.get(kid) : null;
		if (key == null && kid != null) {
			askForRefresh();
		}
		return key;
	}

	/** Whether keys have been read at least once (always, for an HMAC key). */
	boolean isLoaded() {
		return this.loaded;
	}

	private void askForRefresh() {
		long now = System.nanoTime();
		long last = this.lastAskedAt.get();
		ScheduledExecutorService scheduler = this.scheduler;
		if (scheduler != null && now - last >= UNKNOWN_KID_REFRESH_INTERVAL.toNanos()
				&& this.lastAskedAt.compareAndSet(last, now)) {
			scheduler.execute(this::refreshQuietly);
		}
	}

	/** Starts reading the JWK Set in the background: now, then periodically. */
	synchronized void start() {
		if (this.secret != null || this.scheduler != null) {
			return;
		}
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "auth-verifier-keys");
			thread.setDaemon(true);
			return thread;
		});
		this.scheduler.scheduleWithFixedDelay(this::refreshQuietly, 0, this.refreshInterval.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	private void refreshQuietly() {
		try {
			refresh();
		}
		catch (IOException ex) {
			// logged by refresh, once per outage
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Reads the JWK Set now and holds its keys of the configured algorithm, or throws. */
	synchronized void refresh() throws IOException, InterruptedException {
		if (this.secret != null) {
			return;
		}
		Map<String, Key> read;
		try {
			read = read();
		}
		catch (IOException | RuntimeException ex) {
			if (!this.failing) {
				this.failing = true;
				logger.warn("The JWK Set at {} cannot be read ({}): tokens signed with a key not held are refused "
						+ "until it can", this.jwkSetUri, RevocationFeed.describe(ex));
			}
			throw (ex instanceof IOException io) ? io : new IOException(ex.getMessage(), ex);
		}
		if (this.failing) {
			this.failing = false;
			logger.info("The JWK Set at {} is read again", this.jwkSetUri);
		}
		if (!read.keySet().equals(this.keys.keySet())) {
			logger.info("Verifying {} tokens with the keys {} of {}", this.algorithm.jwsName(), read.keySet(),
					this.jwkSetUri);
		}
		this.keys = read;
		this.loaded = true;
	}

	private Map<String, Key> read() throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.jwkSetUri)
			.timeout(TIMEOUT)
			.header("Accept", "application/json")
			.GET()
			.build();
		HttpResponse<byte[]> response = this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() != 200) {
			throw new IOException("status " + response.statusCode());
		}
		JwkSet set = Jwks.setParser()
			.json(JwtParsers.strictJson())
			.ignoreUnsupported(true)
			.build()
			.parse(new String(response.body(), StandardCharsets.UTF_8));
		Map<String, Key> read = new LinkedHashMap<>();
		for (Jwk<?> jwk : set.getKeys()) {
			PublicKey key = accepted(jwk);
			if (key != null && read.size() < MAX_KEYS) {
				read.putIfAbsent(jwk.getId(), key);
			}
		}
		if (read.isEmpty() && !set.getKeys().isEmpty() && !this.warnedUnusable) {
			this.warnedUnusable = true;
			logger.warn("The JWK Set at {} holds no {} key this verifier can use ({} with alg {}): check "
					+ "auth.verifier.algorithm against the server's auth.jwt.algorithm", this.jwkSetUri,
					this.algorithm.jwsName(), (this.algorithm == SigningAlgorithm.EdDSA) ? "Ed25519" : "P-256",
					this.algorithm.jwsName());
		}
		return Collections.unmodifiableMap(read);
	}

	/**
	 * The public key of a JWK this verifier may use, or {@code null}: a public key of the
	 * configured algorithm, named by a {@code kid}, with {@code alg} that algorithm when present
	 * and {@code use} {@code sig} when present. Never an HMAC key, whatever the set holds. The key
	 * is rebuilt with the algorithm's provider, which verifies it faster than the JDK's.
	 */
	private PublicKey accepted(Jwk<?> jwk) {
		if (!(jwk instanceof PublicJwk<?> publicJwk) || jwk.getId() == null || jwk.getId().isBlank()) {
			return null;
		}
		String type = (this.algorithm == SigningAlgorithm.EdDSA) ? "OKP" : "EC";
		String curve = (this.algorithm == SigningAlgorithm.EdDSA) ? "Ed25519" : "P-256";
		if (!type.equals(jwk.getType()) || !curve.equals(jwk.get("crv"))
				|| (jwk.getAlgorithm() != null && !this.algorithm.jwsName().equals(jwk.getAlgorithm()))
				|| (publicJwk.getPublicKeyUse() != null && !"sig".equals(publicJwk.getPublicKeyUse()))) {
			return null;
		}
		try {
			KeyFactory factory = KeyFactory.getInstance(this.algorithm.keyFactory(), this.algorithm.provider());
			return factory.generatePublic(new X509EncodedKeySpec(publicJwk.toKey().getEncoded()));
		}
		catch (GeneralSecurityException ex) {
			return null;
		}
	}

}
