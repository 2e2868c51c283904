package dev.authserver.oauth;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import dev.authserver.support.Api;
import dev.authserver.support.Instances;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Introspection on one instance sees a revocation made on another at once (docs/tokens.md),
 * not at its next poll of the revocation log: here the second instance polls once an hour.
 */
class IntrospectionAcrossInstancesTest {

	private static final String ORDERS = TokenEndpointsTest.basic("orders", "orders-secret-for-tests");

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	@BeforeAll
	static void startTwoInstancesOnOneDatabase() {
		String database = "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		List<String> client = List.of("auth.services[0].id=orders", "auth.services[0].secret=orders-secret-for-tests");
		first = Instances.start(List.of(database, client.get(0), client.get(1)));
		second = Instances.start(List.of(database, client.get(0), client.get(1),
				"auth.sessions.revocation-poll-interval=1h"));
	}

	@AfterAll
	static void stop() {
		Instances.close(first, second);
	}

	@Test
	void introspectWhenLogoutOnTheOtherInstanceThenInactiveAtOnce() throws Exception {
		String signup = signup();
		String access = JsonPath.read(signup, "$.access_token");
		assertThat(active(second, access)).isTrue();

		HttpResponse<String> logout = Instances.post(first, "/api/auth/logout", null,
				"{\"refresh_token\":\"" + JsonPath.read(signup, "$.refresh_token") + "\"}");
		assertThat(logout.statusCode()).isEqualTo(204);

		assertThat(active(second, access)).isFalse();
	}

	@Test
	void introspectWhenLogoutAllOnTheOtherInstanceThenEveryTokenInactiveAtOnce() throws Exception {
		String access = JsonPath.read(signup(), "$.access_token");
		assertThat(active(second, access)).isTrue();

		assertThat(Instances.post(first, "/api/auth/logout-all", access, null).statusCode()).isEqualTo(204);

		assertThat(active(second, access)).isFalse();
	}

	private static String signup() throws Exception {
		HttpResponse<String> response = Instances.post(first, "/api/auth/signup", null,
				"{\"username\":\"" + Api.uniqueUsername() + "\",\"password\":\"" + Api.PASSWORD + "\"}");
		assertThat(response.statusCode()).isEqualTo(201);
		return response.body();
	}

	private static boolean active(ConfigurableApplicationContext instance, String token) throws Exception {
		HttpResponse<String> response = Instances.postForm(instance, "/api/auth/introspect", ORDERS, "token=" + token);
		assertThat(response.statusCode()).isEqualTo(200);
		return JsonPath.read(response.body(), "$.active");
	}

}
