package dev.authserver.verifier;

import java.io.IOException;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.authserver.verifier.Tokens.User;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service with the library, verifying EdDSA tokens against a JWK Set and hearing of
 * revocations from an event feed, both served by {@link TestAuthServer}: every rule of
 * docs/tokens.md refuses with the server's answer, roles reach {@code @PreAuthorize}, and a
 * revocation on the feed is refused within two seconds.
 */
@SpringBootTest(classes = TestApplication.class)
@AutoConfigureMockMvc
class AccessTokenVerificationTest {

	private static final TestAuthServer server = TestAuthServer.start();

	private static final KeyPair key = Jwks.CRV.Ed25519.keyPair().build();

	private static final KeyPair rotated = Jwks.CRV.Ed25519.keyPair().build();

	private static final KeyPair stranger = Jwks.CRV.Ed25519.keyPair().build();

	private static final Tokens tokens = Tokens.signedWith(key.getPrivate(), Jwts.SIG.EdDSA, "k1");

	@Autowired
	MockMvcTester mvc;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		server.setJwks(Tokens.jwkSet(Map.of("k1", key), "EdDSA"));
		registry.add("auth.verifier.jwk-set-uri", server::jwkSetUri);
		registry.add("auth.verifier.algorithm", () -> "EdDSA");
		registry.add("auth.verifier.events-uri", server::eventsUri);
		registry.add("auth.verifier.client-id", () -> TestAuthServer.CLIENT_ID);
		registry.add("auth.verifier.client-secret", () -> TestAuthServer.CLIENT_SECRET);
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@BeforeEach
	void feedRead() {
		// the library accepts nothing before it has read the feed once
		String token = tokens.access(User.of("warmup", "USER"));
		await().atMost(Duration.ofSeconds(10)).until(() -> get("/me", token).getResponse().getStatus() == 200);
	}

	@Test
	void meWhenTokenValidThenClaimsArePrincipal() {
		User alice = User.of("alice", "USER");
		assertThat(get("/me", tokens.access(alice))).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("{\"id\":\"" + alice.id() + "\",\"username\":\"alice\",\"roles\":[\"USER\"],"
					+ "\"session\":\"" + alice.session() + "\"}");
	}

	@Test
	void meWhenNoTokenThenUnauthorizedWithBearerChallenge() {
		MvcTestResult result = this.mvc.get().uri("/me").exchange();
		assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.headers()
			.hasValue("WWW-Authenticate", "Bearer realm=\"api\"");
		assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("invalid_token");
	}

	static Stream<Arguments> brokenTokens() {
		User user = User.of("mallory", "ADMIN");
		Instant now = Instant.now();
		Map<String, Function<User, String>> cases = new LinkedHashMap<>();
		cases.put("signed by another key", (u) -> Tokens.signedWith(stranger.getPrivate(), Jwts.SIG.EdDSA, "k1").access(u));
		cases.put("alg HS256 with the public key as the secret", (u) -> Tokens
			.signedWith(Keys.hmacShaKeyFor(key.getPublic().getEncoded()), Jwts.SIG.HS256, "k1")
			.access(u));
		cases.put("alg ES256", (u) -> Tokens.signedWith(Jwts.SIG.ES256.keyPair().build().getPrivate(), Jwts.SIG.ES256, "k1")
			.access(u));
		cases.put("typ JWT", (u) -> tokens.access(u, now, (jwt) -> jwt.header().type("JWT").and()));
		cases.put("no typ", (u) -> tokens.access(u, now, (jwt) -> jwt.header().type(null).and()));
		cases.put("another issuer", (u) -> tokens.access(u, now, (jwt) -> jwt.issuer("other-server")));
		cases.put("another audience", (u) -> tokens.access(u, now, (jwt) -> jwt.audience().single("other-api")));
		cases.put("iat in the future", (u) -> tokens.access(u, now.plus(Duration.ofMinutes(5))));
		cases.put("exp later than iat plus the lifetime",
				(u) -> tokens.access(u, now, (jwt) -> jwt.expiration(java.util.Date.from(now.plus(Duration.ofHours(1))))));
		cases.put("no exp", (u) -> tokens.access(u, now, (jwt) -> jwt.expiration(null)));
		cases.put("roles not a list", (u) -> tokens.access(u, now, (jwt) -> jwt.claim("roles", "ADMIN")));
		cases.put("a kid no key has", (u) -> Tokens.signedWith(key.getPrivate(), Jwts.SIG.EdDSA, "nobody").access(u));
		cases.put("not a JWS", (u) -> "not-a-token");
		cases.put("padded base64url", (u) -> {
			String token = tokens.access(u);
			int dot = token.indexOf('.');
			return token.substring(0, dot) + "=" + token.substring(dot);
		});
		return cases.entrySet().stream().map((entry) -> Arguments.of(entry.getKey(), entry.getValue().apply(user)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("brokenTokens")
	void meWhenTokenBreaksARuleThenInvalidToken(String rule, String token) {
		assertInvalid(get("/me", token), "The access token is invalid");
	}

	@Test
	void meWhenTokenExpiredThenInvalidTokenSaysExpired() {
		String token = tokens.access(User.of("late", "USER"), Instant.now().minus(Duration.ofHours(1)));
		assertInvalid(get("/me", token), "The access token expired");
	}

	@Test
	void adminWhenRoleMissingThenForbiddenInsufficientScope() {
		MvcTestResult result = get("/admin", tokens.access(User.of("user", "USER")));
		assertThat(result).hasStatus(HttpStatus.FORBIDDEN)
			.headers()
			.hasValue("WWW-Authenticate",
					"Bearer realm=\"api\", error=\"insufficient_scope\", error_description=\"The access token lacks the role this endpoint requires\"");
		assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("insufficient_role");
		assertThat(get("/admin", tokens.access(User.of("root", "USER", "ADMIN")))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.admin")
			.isEqualTo("root");
	}

	@Test
	void meWhenKeyIdNewThenRefusedAtOnceAndAcceptedAfterTheJwkSetIsReadAgain() {
		Tokens rotatedTokens = Tokens.signedWith(rotated.getPrivate(), Jwts.SIG.EdDSA, "k2");
		String token = rotatedTokens.access(User.of("rotated", "USER"));
		server.setJwks(Tokens.jwkSet(Map.of("k1", key, "k2", rotated), "EdDSA"));
		server.setJwksDelay(Duration.ofSeconds(2));
		try {
			long started = System.nanoTime();
			// the key is not held yet: refused now, the JWK Set read in the background
			assertInvalid(get("/me", token), "The access token is invalid");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
			await().atMost(Duration.ofSeconds(15)).until(() -> get("/me", token).getResponse().getStatus() == 200);
		}
		finally {
			server.setJwksDelay(Duration.ZERO);
		}
	}

	@Test
	void meWhenSessionRevokedOnFeedThenRefusedWithinTwoSecondsAndOthersStillAccepted() {
		User alice = User.of("alice", "USER");
		User bob = User.of("bob", "USER");
		User aliceElsewhere = new User(alice.id(), alice.username(), alice.roles(), java.util.UUID.randomUUID());
		String aliceToken = tokens.access(alice);
		assertThat(get("/me", aliceToken)).hasStatusOk();
		server.publish("1001", tokens.sessionRevoked("1001", alice, TestAuthServer.CLIENT_ID));
		long started = System.nanoTime();
		await().atMost(Duration.ofSeconds(2))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> get("/me", aliceToken).getResponse().getStatus() == 401);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
		assertInvalid(get("/me", aliceToken), "The access token was revoked");
		assertThat(get("/me", tokens.access(bob))).hasStatusOk();
		assertThat(get("/me", tokens.access(aliceElsewhere))).hasStatusOk();
	}

	@Test
	void meWhenUserRevokedOnFeedThenTokensIssuedUpToThenRefusedAndLaterOnesAccepted() {
		User carol = User.of("carol", "USER");
		Instant now = Instant.now();
		String before = tokens.access(carol, now.minusSeconds(10));
		String atTheMoment = tokens.access(carol, now.minusSeconds(5));
		String after = tokens.access(carol, now);
		assertThat(get("/me", before)).hasStatusOk();
		server.publish("1002", tokens.userRevoked("1002", carol, now.minusSeconds(5), TestAuthServer.CLIENT_ID));
		await().atMost(Duration.ofSeconds(2)).until(() -> get("/me", before).getResponse().getStatus() == 401);
		assertInvalid(get("/me", atTheMoment), "The access token was revoked");
		assertThat(get("/me", after)).hasStatusOk();
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void meWhenSetFailsVerificationThenNotAppliedAndReturnedAsError(CapturedOutput output) {
		User dave = User.of("dave", "USER");
		String token = tokens.access(dave);
		String wrongAudience = tokens.sessionRevoked("2001", dave, "another-service");
		String wrongType = tokens.sessionRevoked("2002", dave, TestAuthServer.CLIENT_ID,
				(jwt) -> jwt.header().type("JWT").and());
		String wrongKey = Tokens.signedWith(stranger.getPrivate(), Jwts.SIG.EdDSA, "k1")
			.sessionRevoked("2003", dave, TestAuthServer.CLIENT_ID);
		server.publish("2001", wrongAudience);
		server.publish("2002", wrongType);
		server.publish("2003", wrongKey);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> !server.isPending("2001") && !server.isPending("2002") && !server.isPending("2003"));
		assertThat(server.polls().stream().flatMap((poll) -> poll.errors().stream())).contains("2001", "2002", "2003");
		assertThat(server.polls()).allSatisfy((poll) -> assertThat(poll.acks()).doesNotContain("2001", "2002", "2003"));
		assertThat(get("/me", token)).hasStatusOk();
		for (String jti : new String[] { "2001", "2002", "2003" }) {
			assertThat(output.getOut().split("\\(jti " + jti + "\\)", -1)).hasSize(2);
		}
		assertThat(output.getOut()).doesNotContain(wrongAudience).doesNotContain(wrongType).doesNotContain(wrongKey);
	}

	@Test
	void pollWhenSetsReadThenAcknowledgedInTheNextPoll() {
		User erin = User.of("erin", "USER");
		server.publish("3001", tokens.sessionRevoked("3001", erin, TestAuthServer.CLIENT_ID));
		await().atMost(Duration.ofSeconds(5)).until(() -> !server.isPending("3001"));
		assertThat(server.polls()).anySatisfy((poll) -> assertThat(poll.acks()).containsExactly("3001"));
	}

	private MvcTestResult get(String path, String token) {
		return this.mvc.get().uri(path).header("Authorization", "Bearer " + token).exchange();
	}

	static void assertInvalid(MvcTestResult result, String description) {
		assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.headers()
			.hasValue("WWW-Authenticate",
					"Bearer realm=\"api\", error=\"invalid_token\", error_description=\"" + description + "\"");
		assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("invalid_token");
		assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo(description);
	}

}
