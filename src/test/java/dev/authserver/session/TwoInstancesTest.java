package dev.authserver.session;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import dev.authserver.support.EmbeddedPostgresSupport;
import dev.authserver.support.Instances;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one PostgreSQL database behave as one server (docs/operations.md): reuse
 * detected across them, revocation reaching the other within 5 seconds, one list of
 * sessions.
 */
class TwoInstancesTest {

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	@BeforeAll
	static void startTwoInstancesOnOneDatabase() {
		List<String> database = EmbeddedPostgresSupport.datasourceProperties(EmbeddedPostgresSupport.newDatabaseUrl());
		first = Instances.start(database);
		second = Instances.start(database);
	}

	@AfterAll
	static void stop() {
		Instances.close(first, second);
	}

	@Test
	void refreshOnOneThenReuseOnTheOtherEndsTheSession() throws Exception {
		String username = "two-" + System.nanoTime();
		String signup = signup(first, username);
		String spent = JsonPath.read(signup, "$.refresh_token");
		HttpResponse<String> rotated = refresh(first, spent);
		assertThat(rotated.statusCode()).isEqualTo(200);
		String newest = JsonPath.read(rotated.body(), "$.refresh_token");
		Thread.sleep(6000);

		HttpResponse<String> reuse = refresh(second, spent);
		assertThat(reuse.statusCode()).isEqualTo(401);
		assertThat(JsonPath.<String>read(reuse.body(), "$.code")).isEqualTo("invalid_token");
		assertThat(refresh(first, newest).statusCode()).isEqualTo(401);
		assertThat(refresh(second, newest).statusCode()).isEqualTo(401);
	}

	@Test
	void logoutAllOnOneThenOtherRefusesAccessTokenWithinFiveSeconds() throws Exception {
		String signup = signup(first, "two-" + System.nanoTime());
		String access = JsonPath.read(signup, "$.access_token");
		assertThat(Instances.get(second, "/api/me", access).statusCode()).isEqualTo(200);

		assertThat(Instances.post(first, "/api/auth/logout-all", access, null).statusCode()).isEqualTo(204);
		assertThat(Instances.get(first, "/api/me", access).statusCode()).isEqualTo(401);

		long start = System.nanoTime();
		int status = 200;
		while (status == 200 && System.nanoTime() - start < Duration.ofSeconds(5).toNanos()) {
			Thread.sleep(50);
			status = Instances.get(second, "/api/me", access).statusCode();
		}
		Duration reached = Duration.ofNanos(System.nanoTime() - start);
		System.out.printf("logout-all on one instance reached the other after %d ms%n", reached.toMillis());
		assertThat(status).isEqualTo(401);
		assertThat(reached).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void passwordChangeOnOneThenOtherRefusesOldAccessTokenOfKeptSessionWithinFiveSeconds() throws Exception {
		String username = "two-" + System.nanoTime();
		String access = JsonPath.read(signup(first, username), "$.access_token");
		assertThat(Instances.get(second, "/api/me", access).statusCode()).isEqualTo(200);

		// the caller's own session is kept: only the user's not-before time refuses its old token
		assertThat(Instances.put(first, "/api/me/password", access,
				"{\"current_password\":\"correct horse battery staple\",\"new_password\":\"a brand new passphrase\"}")
			.statusCode()).isEqualTo(204);

		long start = System.nanoTime();
		int status = 200;
		while (status == 200 && System.nanoTime() - start < Duration.ofSeconds(5).toNanos()) {
			Thread.sleep(50);
			status = Instances.get(second, "/api/me", access).statusCode();
		}
		assertThat(status).isEqualTo(401);
	}

	@Test
	void failedLoginsOnBothInstancesCountTowardOneLockout() throws Exception {
		String username = "two-" + System.nanoTime();
		signup(first, username);
		String wrong = "{\"username\":\"" + username + "\",\"password\":\"not the password at all\"}";
		for (int i = 0; i < 10; i++) {
			assertThat(Instances.post((i % 2 == 0) ? first : second, "/api/auth/login", null, wrong).statusCode())
				.isEqualTo(401);
		}
		String right = "{\"username\":\"" + username + "\",\"password\":\"correct horse battery staple\"}";
		assertThat(Instances.post(first, "/api/auth/login", null, right).statusCode()).isEqualTo(429);
		assertThat(Instances.post(second, "/api/auth/login", null, right).statusCode()).isEqualTo(429);
	}

	@Test
	void sessionsListedOnEitherInstanceAreTheSame() throws Exception {
		String username = "two-" + System.nanoTime();
		String signup = signup(first, username);
		String login = Instances.post(second, "/api/auth/login", null,
				"{\"username\":\"" + username + "\",\"password\":\"correct horse battery staple\"}")
			.body();
		String access = JsonPath.read(login, "$.access_token");

		HttpResponse<String> onFirst = Instances.get(first, "/api/me/sessions", access);
		HttpResponse<String> onSecond = Instances.get(second, "/api/me/sessions", access);

		assertThat(onFirst.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<List<String>>read(onFirst.body(), "$.content[*].id")).hasSize(2);
		assertThat(onSecond.body()).isEqualTo(onFirst.body());
		assertThat(signup).isNotBlank();
	}

	private static String signup(ConfigurableApplicationContext instance, String username) throws Exception {
		HttpResponse<String> response = Instances.post(instance, "/api/auth/signup", null,
				"{\"username\":\"" + username + "\",\"password\":\"correct horse battery staple\"}");
		assertThat(response.statusCode()).isEqualTo(201);
		return response.body();
	}

	private static HttpResponse<String> refresh(ConfigurableApplicationContext instance, String refreshToken)
			throws Exception {
		return Instances.post(instance, "/api/auth/refresh", null, "{\"refresh_token\":\"" + refreshToken + "\"}");
	}

}
