package dev.authserver.verifier;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.AfterAll;
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
 * With the server's {@code auth.jwt.encryption-key}, the nested JWTs of {@code auth.jwt.encryption=dir}
 * are read (docs/tokens.md): the signed token inside is checked as any other, and a token that
 * is not encrypted is refused.
 */
@SpringBootTest(classes = TestApplication.class)
@AutoConfigureMockMvc
class EncryptedTokensTest {

	private static final TestAuthServer server = TestAuthServer.start();

	private static final byte[] secret = random(32);

	private static final SecretKey encryptionKey = new SecretKeySpec(random(32), "AES");

	private static final Tokens tokens = Tokens.signedWith(Keys.hmacShaKeyFor(secret), Jwts.SIG.HS256, "k");

	@Autowired
	MockMvcTester mvc;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("auth.verifier.secret", () -> Base64.getEncoder().encodeToString(secret));
		registry.add("auth.verifier.encryption-key", () -> Base64.getEncoder().encodeToString(encryptionKey.getEncoded()));
		registry.add("auth.verifier.events-uri", server::eventsUri);
		registry.add("auth.verifier.client-id", () -> TestAuthServer.CLIENT_ID);
		registry.add("auth.verifier.client-secret", () -> TestAuthServer.CLIENT_SECRET);
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void meWhenEncryptedThenAcceptedAndWhenSignedOnlyThenRefused() {
		String signed = tokens.access(User.of("alice", "USER"));
		String encrypted = encrypt(signed);
		await().atMost(Duration.ofSeconds(10)).until(() -> get(encrypted).getResponse().getStatus() == 200);
		assertThat(get(encrypted)).hasStatusOk().bodyJson().extractingPath("$.username").isEqualTo("alice");
		assertInvalid(get(signed), "The access token is invalid");
		assertInvalid(get(encrypt(Tokens.signedWith(Keys.hmacShaKeyFor(random(32)), Jwts.SIG.HS256, "k")
			.access(User.of("mallory", "ADMIN")))), "The access token is invalid");
	}

	/** A nested JWT as the server makes it: {@code alg: dir}, {@code enc: A256GCM}, {@code cty: JWT}. */
	private static String encrypt(String signed) {
		return Jwts.builder()
			.header().contentType("JWT").and()
			.content(signed.getBytes(StandardCharsets.US_ASCII))
			.encryptWith(encryptionKey, Jwts.ENC.A256GCM)
			.compact();
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
