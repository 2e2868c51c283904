package dev.authserver.verifier;

import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;

import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.authserver.verifier.Tokens.User;

import static dev.authserver.verifier.AccessTokenVerificationTest.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service with a filter chain of its own plugs the library in with {@link AccessTokenSecurity}:
 * its {@code hasRole} rules see the token's roles, its public routes need no token and take no
 * offence at a bad one.
 */
@SpringBootTest(classes = OwnChainTestApplication.class, properties = "auth.verifier.algorithm=ES256")
@AutoConfigureMockMvc
class OwnChainTest {

	private static final TestAuthServer server = TestAuthServer.start();

	private static final KeyPair key = Jwts.SIG.ES256.keyPair().build();

	private static final Tokens tokens = Tokens.signedWith(key.getPrivate(), Jwts.SIG.ES256, "es-1");

	@Autowired
	MockMvcTester mvc;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		server.setJwks(Tokens.jwkSet(Map.of("es-1", key), "ES256"));
		registry.add("auth.verifier.jwk-set-uri", server::jwkSetUri);
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
		await().atMost(Duration.ofSeconds(10)).until(() -> get("/me", token).getResponse().getStatus() == 200);
	}

	@Test
	void publicWhenNoTokenOrABadOneThenAnswered() {
		assertThat(this.mvc.get().uri("/public").exchange()).hasStatusOk();
		assertThat(get("/public", "not-a-token")).hasStatusOk();
	}

	@Test
	void reportsWhenRoleMissingThenForbiddenAndWithItAnswered() {
		assertThat(get("/reports/daily", tokens.access(User.of("user", "USER")))).hasStatus(HttpStatus.FORBIDDEN)
			.bodyJson()
			.extractingPath("$.code")
			.isEqualTo("insufficient_role");
		assertThat(get("/reports/daily", tokens.access(User.of("boss", "ADMIN")))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.for")
			.isEqualTo("boss");
	}

	@Test
	void meWhenTokenInvalidOrMissingThenUnauthorized() {
		assertInvalid(get("/me", "not-a-token"), "The access token is invalid");
		assertThat(this.mvc.get().uri("/me").exchange()).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void meWhenTokenSentTwiceThenInvalidRequest() {
		String token = tokens.access(User.of("twice", "USER"));
		assertThat(this.mvc.get().uri("/me?access_token=" + token).header("Authorization", "Bearer " + token))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.code")
			.isEqualTo("invalid_request");
	}

	private MvcTestResult get(String path, String token) {
		return this.mvc.get().uri(path).header("Authorization", "Bearer " + token).exchange();
	}

}
