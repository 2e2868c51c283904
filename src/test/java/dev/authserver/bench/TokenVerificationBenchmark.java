package dev.authserver.bench;

import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.authserver.session.AccessTokenRevocations;
import dev.authserver.session.SessionProperties;
import dev.authserver.token.AccessTokens;
import dev.authserver.token.JwtProperties;
import dev.authserver.token.ServerKeys;
import dev.authserver.token.SigningKeys;
import dev.authserver.verification.AccessTokenClaims;
import dev.authserver.verification.SigningAlgorithm;

/**
 * Access-token verification against its baselines, in one JMH run (bench/run.sh), for each
 * signing algorithm: one HmacSHA256 over the token's signing input with a reused {@link Mac},
 * and jjwt's bare {@code parseSignedClaims} of the same tokens with a parser built once.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenVerificationBenchmark {

	/**
	 * Distinct tokens for first verifications: far more than the verified-token cache holds,
	 * so that it is full and evicting, as on a busy server, for all but the first few.
	 */
	private static final int FRESH_TOKENS = 1 << 18;

	/**
	 * Fewer for the signatures that cost tens of microseconds to make and to check: the pool
	 * still comes round with a new verifier, so every first verification misses the cache.
	 */
	private static final int FRESH_SIGNED_TOKENS = 1 << 12;

	private static final byte[] MATERIAL = "bench-only-key-bench-only-key-bench-only-key".getBytes(StandardCharsets.US_ASCII);

	/** What signs the access tokens: {@code auth.jwt.algorithm}. */
	@Param({ "HS256", "EdDSA", "ES256" })
	public String algorithm;

	private AccessTokens tokens;

	/**
	 * The verifier of {@link #verifyFirst()}, replaced each time the pool comes round: its
	 * cache keeps some tokens much longer than others (admission by frequency), so without
	 * a new one a share of the "first" verifications would be cache hits.
	 */
	private AccessTokens firstTokens;

	private JwtProperties properties;

	private SigningKeys keys;

	private Clock clock;

	private AccessTokenRevocations revocations;

	private JwtParser bareParser;

	private Mac mac;

	private String token;

	private byte[] signingInput;

	private String[] fresh;

	private int next;

	@Setup
	public void setUp() throws GeneralSecurityException, ReflectiveOperationException {
		SigningAlgorithm signing = SigningAlgorithm.valueOf(this.algorithm);
		List<JwtProperties.Key> pairs = (signing == SigningAlgorithm.HS256) ? List.of()
				: List.of(new JwtProperties.Key("bench", null, ServerKeys.generatedPem(signing)));
		String secret = Base64.getEncoder().encodeToString(MATERIAL);
		JwtProperties properties = new JwtProperties(secret, Path.of("unused"), "auth-server", "api",
				Duration.ofMinutes(15), Duration.ofDays(14), Duration.ofSeconds(30), Duration.ofSeconds(5), pairs, null,
				signing);
		Clock clock = Clock.systemUTC();
		this.properties = properties;
		this.keys = ServerKeys.load(properties);
		this.clock = clock;
		this.tokens = new AccessTokens(this.keys, properties, clock);
		this.firstTokens = new AccessTokens(this.keys, properties, clock);
		// the filter asks the revocations on every request; their database is read only by poll()
		Constructor<AccessTokenRevocations> constructor = AccessTokenRevocations.class
			.getDeclaredConstructor(JdbcTemplate.class, JwtProperties.class, SessionProperties.class, Clock.class);
		constructor.setAccessible(true);
		this.revocations = constructor.newInstance(null, properties, new SessionProperties(Duration.ofHours(1), 1000,
				Duration.ofSeconds(1), 50, Duration.ofSeconds(30)), clock);
		Key verificationKey = ServerKeys.accessVerificationKey(this.keys);
		// the same JCA provider as the server's parser, so that the ratio is of jjwt's work and ours
		this.bareParser = (verificationKey instanceof PublicKey publicKey)
				? Jwts.parser().provider(signing.provider()).verifyWith(publicKey).build()
				: Jwts.parser().verifyWith((SecretKey) verificationKey).build();
		this.mac = Mac.getInstance("HmacSHA256");
		this.mac.init(new SecretKeySpec(MATERIAL, "HmacSHA256"));
		List<String> roles = List.of("USER", "ADMIN");
		this.token = this.tokens.issue(UUID.randomUUID(), "bench-user", roles, UUID.randomUUID()).value();
		this.signingInput = this.token.substring(0, this.token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
		this.fresh = new String[(signing == SigningAlgorithm.HS256) ? FRESH_TOKENS : FRESH_SIGNED_TOKENS];
		for (int i = 0; i < this.fresh.length; i++) {
			this.fresh[i] = this.tokens.issue(UUID.randomUUID(), "bench-user", roles, UUID.randomUUID()).value();
		}
	}

	/** The floor: the one HMAC that a verification with HS256 cannot do without. */
	@Benchmark
	public byte[] hmacSha256() {
		return this.mac.doFinal(this.signingInput);
	}

	/**
	 * jjwt alone, signature and expiry, none of our checks: over the same pool of distinct
	 * tokens as {@link #verifyFirst()}, so that both read tokens that are not in the CPU's cache.
	 */
	@Benchmark
	public Jws<Claims> jjwtParseSignedClaims() {
		return this.bareParser.parseSignedClaims(nextFresh());
	}

	/** A token the server has not seen: every check of docs/tokens.md, then revocation. */
	@Benchmark
	public boolean verifyFirst() {
		AccessTokenClaims claims = this.firstTokens.verify(nextFresh());
		if (this.next == 0) {
			this.firstTokens = new AccessTokens(this.keys, this.properties, this.clock);
		}
		return this.revocations.isRevoked(claims);
	}

	/** The same token again, as a client sends it for its lifetime: expiry and revocation still checked. */
	@Benchmark
	public boolean verifyRepeated() {
		AccessTokenClaims claims = this.tokens.verify(this.token);
		return this.revocations.isRevoked(claims);
	}

	private String nextFresh() {
		String token = this.fresh[this.next];
		this.next = (this.next + 1) & (this.fresh.length - 1);
		return token;
	}

}
