package dev.authserver.ops;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.authserver.support.Api;
import dev.authserver.support.Api.Tokens;
import dev.authserver.support.IntegrationTest;
import dev.authserver.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/** Actuator, metrics and the API description (docs/operations.md). */
@IntegrationTest
class OperationsEndpointsTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Api api;

	@Autowired
	MutableClock clock;

	@Test
	void healthGroupsWhenNoTokenThenUp() {
		for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
			assertThat(this.mvc.get().uri(path)).as(path).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo(
					"UP");
		}
	}

	@Test
	void prometheusWhenEventsHappenThenTheirCountersMove() {
		List<String> series = List.of("auth_events_total{event=\"signup\",outcome=\"success\"}",
				"auth_events_total{event=\"login\",outcome=\"success\"}",
				"auth_events_total{event=\"login\",outcome=\"failure\"}",
				"auth_events_total{event=\"refresh\",outcome=\"success\"}",
				"auth_events_total{event=\"refresh_reuse\",outcome=\"failure\"}",
				"auth_events_total{event=\"lockout\",outcome=\"success\"}",
				"auth_token_rejections_total{reason=\"invalid\"}", "auth_token_rejections_total{reason=\"missing\"}",
				"auth_token_rejections_total{reason=\"expired\"}");
		Map<String, Double> before = counters(series);

		String username = Api.uniqueUsername();
		Tokens signup = this.api.signup(username);
		Tokens login = this.api.login(username, Api.PASSWORD);
		Tokens.of(this.api.refresh(login.refreshToken()));
		this.clock.advance(Duration.ofSeconds(6));
		this.api.refresh(login.refreshToken());
		String locked = Api.uniqueUsername();
		for (int i = 0; i < 10; i++) {
			this.api.post("/api/auth/login", "{\"username\":\"" + locked + "\",\"password\":\"not the password at all\"}");
		}
		this.api.get("/api/me", "not-a-token");
		this.mvc.get().uri("/api/me").exchange();
		this.clock.advance(Duration.ofMinutes(16));
		this.api.get("/api/me", signup.accessToken());

		Map<String, Double> after = counters(series);
		assertThat(series).allSatisfy((name) -> assertThat(after.get(name) - before.get(name)).as(name)
			.isGreaterThanOrEqualTo(1));
	}

	private Map<String, Double> counters(List<String> series) {
		MvcTestResult result = this.mvc.get().uri("/actuator/prometheus").exchange();
		assertThat(result).hasStatusOk();
		String scrape = Api.body(result);
		Map<String, Double> counters = new HashMap<>();
		series.forEach((name) -> counters.put(name, counter(scrape, name)));
		return counters;
	}

	/**
	 * Spring Security's own observations (a timer around every filter of the chain) are off:
	 * the counters above say what happened, and the request path does not pay for timers.
	 */
	@Test
	void prometheusThenNoSpringSecurityObservations() {
		Tokens user = this.api.signup();
		assertThat(this.api.get("/api/me", user.accessToken())).hasStatusOk();

		String scrape = Api.body(this.mvc.get().uri("/actuator/prometheus").exchange());

		assertThat(scrape).contains("auth_events_total").doesNotContain("spring_security_");
	}

	@Test
	void otherActuatorEndpointsWhenNotAdminThenRefused() {
		Tokens user = this.api.signup();
		for (String path : List.of("/actuator/metrics", "/actuator/info")) {
			assertThat(this.mvc.get().uri(path)).as(path).hasStatus(HttpStatus.UNAUTHORIZED);
			assertThat(this.api.get(path, user.accessToken())).as(path).hasStatus(HttpStatus.FORBIDDEN);
		}
		Tokens admin = this.api.login("admin", "admin-password-for-tests");
		assertThat(this.api.get("/actuator/metrics", admin.accessToken())).hasStatusOk();
		for (String path : List.of("/actuator/env", "/actuator/beans", "/actuator/heapdump")) {
			assertThat(this.api.get(path, admin.accessToken()).getResponse().getStatus()).as(path).isEqualTo(404);
		}
	}

	@Test
	void openApiDescriptionWhenNoTokenThenListsTheEndpoints() {
		MvcTestResult result = this.mvc.get().uri("/v3/api-docs").exchange();
		assertThat(result).hasStatusOk();
		assertThat(Api.body(result)).contains("/api/auth/login")
			.contains("/api/auth/refresh")
			.contains("/api/me/sessions")
			.contains("/api/admin/users");
		String description = Api.body(result);
		assertThat(JsonPath.<Map<String, Object>>read(description, "$.paths")).doesNotContainKey("/error");
		assertThat(JsonPath.<String>read(description, "$.components.securitySchemes.bearer.scheme")).isEqualTo("bearer");
		assertThat(JsonPath.<List<Object>>read(description, "$.paths['/api/me'].get.security[*].bearer")).hasSize(1);
		assertThat(JsonPath.<Map<String, Object>>read(description, "$.paths['/api/auth/login'].post"))
			.doesNotContainKey("security");
		assertThat(JsonPath.<Map<String, Object>>read(description,
				"$.paths['/api/me'].get.responses['401'].content['application/problem+json']"))
			.isNotEmpty();
		assertThat(JsonPath.<Map<String, Object>>read(description,
				"$.paths['/api/auth/login'].post.responses['429'].content['application/problem+json']"))
			.isNotEmpty();
		assertThat(this.mvc.get().uri("/swagger-ui.html").exchange().getResponse().getStatus()).isIn(200, 302);
	}

	@Test
	void openApiDescriptionThenTokenEndpointsWithTheirSchemesAndProblems() {
		String description = Api.body(this.mvc.get().uri("/v3/api-docs").exchange());
		for (String path : List.of("/.well-known/jwks.json", "/.well-known/oauth-authorization-server")) {
			assertThat(JsonPath.<Map<String, Object>>read(description, "$.paths['" + path + "'].get")).as(path)
				.doesNotContainKey("security");
		}
		assertThat(JsonPath.<String>read(description, "$.components.securitySchemes.serviceClient.scheme"))
			.isEqualTo("basic");
		for (String path : List.of("/api/auth/introspect", "/api/events/poll")) {
			assertThat(JsonPath.<List<Object>>read(description, "$.paths['" + path + "'].post.security[*].serviceClient"))
				.as(path)
				.hasSize(1);
			assertThat(JsonPath.<List<Object>>read(description, "$.paths['" + path + "'].post.security[*].bearer"))
				.as(path)
				.isEmpty();
		}
		assertThat(JsonPath.<Map<String, Object>>read(description, "$.paths['/api/auth/revoke'].post"))
			.doesNotContainKey("security");
		for (String path : List.of("/api/auth/introspect", "/api/auth/revoke")) {
			assertThat(JsonPath.<Map<String, Object>>read(description,
					"$.paths['" + path + "'].post.requestBody.content")).as(path)
				.containsKey("application/x-www-form-urlencoded");
			for (String status : List.of("400", "413", "415")) {
				assertThat(JsonPath.<Map<String, Object>>read(description,
						"$.paths['" + path + "'].post.responses['" + status + "'].content['application/problem+json']"))
					.as(path + " " + status)
					.isNotEmpty();
			}
		}
		assertThat(JsonPath.<Map<String, Object>>read(description,
				"$.paths['/api/auth/introspect'].post.responses['401'].content['application/problem+json']"))
			.isNotEmpty();
		assertThat(JsonPath.<Map<String, Object>>read(description,
				"$.paths['/api/auth/revoke'].post.responses['429'].content['application/problem+json']"))
			.isNotEmpty();
	}

	private static double counter(String scrape, String series) {
		return scrape.lines()
			.filter((line) -> line.startsWith(series))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

}
