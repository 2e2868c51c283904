package dev.authserver.throttle;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import dev.authserver.support.Instances;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over real HTTP: a client refused once is answered at once; one that asks again before its
 * {@code Retry-After} has passed is answered when it has passed, while other requests are
 * answered as usual meanwhile.
 */
class RefusalPacingTest {

	private static ConfigurableApplicationContext server;

	@BeforeAll
	static void start() {
		server = Instances.start(List.of("auth.login.rate-limit-per-minute=60",
				"spring.datasource.url=jdbc:h2:mem:pacing-" + System.nanoTime()));
	}

	@AfterAll
	static void stop() {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void attemptWhenRefusedAgainBeforeRetryAfterThenAnsweredWhenItHasPassed() throws Exception {
		// sixty attempts take the minute's budget; a body that fails validation hashes nothing
		for (int i = 0; i < 60; i++) {
			assertThat(signup().statusCode()).isEqualTo(400);
		}
		long start = System.nanoTime();
		HttpResponse<String> first = signup();
		Duration firstTook = Duration.ofNanos(System.nanoTime() - start);
		assertThat(first.statusCode()).isEqualTo(429);
		assertThat(first.headers().firstValue("Retry-After")).hasValue("1");

		start = System.nanoTime();
		CompletableFuture<HttpResponse<String>> again = CompletableFuture.supplyAsync(() -> {
			try {
				return signup();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		// meanwhile the server answers others at once
		long healthStart = System.nanoTime();
		assertThat(Instances.get(server, "/actuator/health", null).statusCode()).isEqualTo(200);
		Duration healthTook = Duration.ofNanos(System.nanoTime() - healthStart);
		HttpResponse<String> paced = again.get();
		Duration pacedTook = Duration.ofNanos(System.nanoTime() - start);
		System.out.printf("refused at once in %d ms; asked again at once, answered after %d ms; health meanwhile %d ms%n",
				firstTook.toMillis(), pacedTook.toMillis(), healthTook.toMillis());

		assertThat(paced.statusCode()).isEqualTo(429);
		assertThat(paced.body()).contains("too_many_attempts");
		assertThat(firstTook).isLessThan(Duration.ofMillis(500));
		assertThat(pacedTook).isGreaterThanOrEqualTo(Duration.ofMillis(500));
		assertThat(healthTook).isLessThan(pacedTook);
	}

	private static HttpResponse<String> signup() throws Exception {
		return Instances.postWithHeaders(server, "/api/auth/signup", "{}", Map.of());
	}

}
