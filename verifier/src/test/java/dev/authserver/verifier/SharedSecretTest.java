package dev.authserver.verifier;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.SecretKey;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.authserver.verifier.Tokens.User;

import static dev.authserver.verifier.AccessTokenVerificationTest.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * HS256 with the server's secret: tokens and events signed with it verify; anything signed
 * with another key or algorithm does not.
 */
@SpringBootTest(classes = TestApplication.class)
@AutoConfigureMockMvc
class SharedSecretTest {

	private static final TestAuthServer server = TestAuthServer.start();

	private static final byte[] secret = random(32);

	private static final Tokens tokens = Tokens.signedWith(Keys.hmacShaKeyFor(secret), Jwts.SIG.HS256, "RMEmxeD8");

	@Autowired
	MockMvcTester mvc;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("auth.verifier.secret", () -> Base64.getEncoder().encodeToString(secret));
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
		String token = tokens.access(User.of("warmup", "USER"));
		await().atMost(Duration.ofSeconds(10)).until(() -> get(token).getResponse().getStatus() == 200);
	}

	@Test
	void meWhenSignedWithTheSecretThenAccepted() {
		assertThat(get(tokens.access(User.of("alice", "USER")))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.username")
			.isEqualTo("alice");
		assertThat(server.jwksReads()).isZero();
	}

	@Test
	void meWhenSignedWithAnotherKeyOrAlgorithmThenInvalidToken() {
		SecretKey other = Keys.hmacShaKeyFor(random(32));
		assertInvalid(get(Tokens.signedWith(other, Jwts.SIG.HS256, "RMEmxeD8").access(User.of("a", "USER"))),
				"The access token is invalid");
		assertInvalid(get(Tokens.signedWith(Keys.hmacShaKeyFor(random(48)), Jwts.SIG.HS384, "RMEmxeD8")
			.access(User.of("b", "USER"))), "The access token is invalid");
		assertInvalid(get(Tokens.signedWith(Jwks.CRV.Ed25519.keyPair().build().getPrivate(), Jwts.SIG.EdDSA, "RMEmxeD8")
			.access(User.of("c", "USER"))), "The access token is invalid");
	}

	@Test
	void meWhenSessionRevokedBySetSignedWithTheSecretThenRefused() {
		User frank = User.of("frank", "USER");
		String token = tokens.access(frank);
		assertThat(get(token)).hasStatusOk();
		server.publish("4001", tokens.sessionRevoked("4001", frank, TestAuthServer.CLIENT_ID));
		await().atMost(Duration.ofSeconds(2)).until(() -> get(token).getResponse().getStatus() == 401);
	}

	private MvcTestResult get(String token) {
		return this.mvc.get().uri("/me").header("Authorization", "Bearer " + token).exchange();
	}

	private static byte[] random(int length) {
		byte[] bytes = new byte[length];
		new SecureRandom().nextBytes(bytes);
		return bytes;
	}

}
