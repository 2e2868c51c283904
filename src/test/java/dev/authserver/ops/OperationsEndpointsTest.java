package dev.authserver.ops;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.authserver.support.Api;
import dev.authserver.support.Api.Tokens;
import dev.authserver.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Actuator, metrics and the API description (SPEC section 8). */
@IntegrationTest
class OperationsEndpointsTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Api api;

	@Test
	void healthGroupsWhenNoTokenThenUp() {
		for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
			assertThat(this.mvc.get().uri(path)).as(path).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo(
					"UP");
		}
	}

	@Test
	void prometheusWhenNoTokenThenCountersOfSecurityEvents() {
		String username = Api.uniqueUsername();
		this.api.signup(username);
		this.api.post("/api/auth/login", "{\"username\":\"" + username + "\",\"password\":\"not the password at all\"}");
		this.api.get("/api/me", "not-a-token");
		this.mvc.get().uri("/api/me").exchange();

		MvcTestResult result = this.mvc.get().uri("/actuator/prometheus").exchange();
		assertThat(result).hasStatusOk();
		String scrape = Api.body(result);
		assertThat(scrape).contains("auth_events_total{event=\"login\",outcome=\"failure\"}")
			.contains("auth_events_total{event=\"login\",outcome=\"success\"}")
			.contains("auth_events_total{event=\"signup\",outcome=\"success\"}")
			.contains("auth_events_total{event=\"refresh\",outcome=\"success\"}")
			.contains("auth_events_total{event=\"refresh_reuse\",outcome=\"failure\"}")
			.contains("auth_events_total{event=\"lockout\",outcome=\"success\"}")
			.contains("auth_token_rejections_total{reason=\"invalid\"}")
			.contains("auth_token_rejections_total{reason=\"missing\"}")
			.contains("auth_token_rejections_total{reason=\"expired\"}");
		assertThat(counter(scrape, "auth_events_total{event=\"login\",outcome=\"failure\"}")).isPositive();
		assertThat(counter(scrape, "auth_token_rejections_total{reason=\"invalid\"}")).isPositive();
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
		assertThat(this.mvc.get().uri("/swagger-ui.html").exchange().getResponse().getStatus()).isIn(200, 302);
	}

	private static double counter(String scrape, String series) {
		return scrape.lines()
			.filter((line) -> line.startsWith(series))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

}
