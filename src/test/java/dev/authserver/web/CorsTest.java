package dev.authserver.web;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.authserver.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** CORS for the configured origins only (the configuration table in the README). */
@IntegrationTest
@TestPropertySource(properties = "auth.cors.allowed-origins=https://app.example.com")
class CorsTest {

	private static final String ALLOWED = "https://app.example.com";

	@Autowired
	MockMvcTester mvc;

	@Test
	void preflightWhenAllowedOriginThenAnsweredWithoutTokenNamingAuthorization() {
		MvcTestResult result = preflight(ALLOWED);
		assertThat(result).hasStatusOk();
		assertThat(result.getResponse().getHeader("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
		assertThat(result.getResponse().getHeader("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
		assertThat(result.getResponse().getHeader("Access-Control-Allow-Methods")).contains("GET");
		// for browser mode's cookie, to this origin alone
		assertThat(result.getResponse().getHeader("Access-Control-Allow-Credentials")).isEqualTo("true");
		assertThat(result.getResponse().getHeader("Access-Control-Allow-Origin")).isNotEqualTo("*");
	}

	@Test
	void preflightWhenAllowedOriginRefreshesInBrowserModeThenRequestedWithAndCredentialsAllowed() {
		MvcTestResult result = this.mvc.options()
			.uri("/api/auth/refresh?mode=cookie")
			.header("Origin", ALLOWED)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "x-requested-with")
			.exchange();
		assertThat(result).hasStatusOk();
		assertThat(result.getResponse().getHeader("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
		assertThat(result.getResponse().getHeader("Access-Control-Allow-Headers")).containsIgnoringCase("x-requested-with");
		assertThat(result.getResponse().getHeader("Access-Control-Allow-Credentials")).isEqualTo("true");
		MvcTestResult other = this.mvc.options()
			.uri("/api/auth/refresh?mode=cookie")
			.header("Origin", "https://evil.example.net")
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "x-requested-with")
			.exchange();
		assertThat(other).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(other.getResponse().getHeader("Access-Control-Allow-Credentials")).isNull();
	}

	@Test
	void preflightWhenOtherOriginThenNoCorsHeadersAndProblem() {
		MvcTestResult result = preflight("https://evil.example.net");
		assertThat(result).hasStatus(HttpStatus.FORBIDDEN).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result.getResponse().getHeader("Access-Control-Allow-Origin")).isNull();
	}

	@Test
	void requestWhenOtherOriginThenNoCorsHeaders() {
		MvcTestResult result = this.mvc.get().uri("/actuator/health").header("Origin", "https://evil.example.net").exchange();
		assertThat(result.getResponse().getHeader("Access-Control-Allow-Origin")).isNull();
		MvcTestResult allowed = this.mvc.get().uri("/actuator/health").header("Origin", ALLOWED).exchange();
		assertThat(allowed).hasStatusOk();
		assertThat(allowed.getResponse().getHeader("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
	}

	private MvcTestResult preflight(String origin) {
		return this.mvc.options()
			.uri("/api/me")
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "GET")
			.header("Access-Control-Request-Headers", "authorization")
			.exchange();
	}

}
