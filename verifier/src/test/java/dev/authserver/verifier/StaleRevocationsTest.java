package dev.authserver.verifier;

import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
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
 * Tokens are accepted only while the event feed is known to be current: before its first read
 * and after {@code max-staleness} without one, protected calls answer 503
 * {@code revocations_stale}, and work again once the feed is read.
 */
@SpringBootTest(classes = TestApplication.class)
@AutoConfigureMockMvc
class StaleRevocationsTest {

	private static final TestAuthServer server = TestAuthServer.start();

	private static final KeyPair key = Jwks.CRV.Ed25519.keyPair().build();

	private static final Tokens tokens = Tokens.signedWith(key.getPrivate(), Jwts.SIG.EdDSA, "k1");

	@Autowired
	MockMvcTester mvc;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		server.setJwks(Tokens.jwkSet(Map.of("k1", key), "EdDSA"));
		// away from the start: the library has never read it
		server.setFeedDown(true);
		registry.add("auth.verifier.jwk-set-uri", server::jwkSetUri);
		registry.add("auth.verifier.algorithm", () -> "EdDSA");
		registry.add("auth.verifier.events-uri", server::eventsUri);
		registry.add("auth.verifier.client-id", () -> TestAuthServer.CLIENT_ID);
		registry.add("auth.verifier.client-secret", () -> TestAuthServer.CLIENT_SECRET);
		registry.add("auth.verifier.max-staleness", () -> "2s");
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void meWhenFeedNeverReadOrAwayTooLongThenServiceUnavailableUntilItIsBack() {
		String token = tokens.access(User.of("alice", "USER"));
		assertStale(get(token));
		assertStale(get("not-even-a-token"));
		assertStale(this.mvc.get().uri("/me").exchange());

		server.setFeedDown(false);
		await().atMost(Duration.ofSeconds(15)).until(() -> status(token) == 200);

		server.setFeedDown(true);
		long away = System.nanoTime();
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> status(token) == 503);
		// not before max-staleness has passed since the last read
		assertThat(Duration.ofNanos(System.nanoTime() - away)).isGreaterThan(Duration.ofMillis(1500));
		assertStale(get(token));

		server.setFeedDown(false);
		await().atMost(Duration.ofSeconds(15)).until(() -> status(token) == 200);
	}

	private int status(String token) {
		return get(token).getResponse().getStatus();
	}

	private MvcTestResult get(String token) {
		return this.mvc.get().uri("/me").header("Authorization", "Bearer " + token).exchange();
	}

	private static void assertStale(MvcTestResult result) {
		assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.headers()
			.containsHeader("Retry-After");
		assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("revocations_stale");
	}

}
