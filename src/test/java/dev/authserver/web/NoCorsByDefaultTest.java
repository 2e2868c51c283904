package dev.authserver.web;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.authserver.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code auth.cors.allowed-origins} empty, the default, no origin gets CORS headers. */
@IntegrationTest
class NoCorsByDefaultTest {

	@Autowired
	MockMvcTester mvc;

	@Test
	void preflightWhenNoOriginsConfiguredThenNoCorsHeaders() {
		MvcTestResult result = this.mvc.options()
			.uri("/api/me")
			.header("Origin", "https://app.example.com")
			.header("Access-Control-Request-Method", "GET")
			.exchange();
		assertThat(result.getResponse().getStatus()).isBetween(400, 499);
		assertThat(result.getResponse().getHeader("Access-Control-Allow-Origin")).isNull();
	}

}
