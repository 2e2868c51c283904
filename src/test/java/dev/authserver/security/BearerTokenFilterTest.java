package dev.authserver.security;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.authserver.support.Api;
import dev.authserver.support.Api.Tokens;
import dev.authserver.support.IntegrationTest;
import dev.authserver.support.MutableClock;
import dev.authserver.token.AccessTokens;

import static org.assertj.core.api.Assertions.assertThat;

/** The bearer filter and the challenges of RFC 6750 section 3, as a client sees them. */
@IntegrationTest
class BearerTokenFilterTest {

	private static final String CHALLENGE = "Bearer realm=\"api\"";

	private static final String INVALID = "Bearer realm=\"api\", error=\"invalid_token\", "
			+ "error_description=\"The access token is invalid\"";

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private Api api;

	@Autowired
	private AccessTokens accessTokens;

	@Autowired
	private MutableClock clock;

	@Test
	void meWhenTokenValidThenUserFromClaims() {
		String username = Api.uniqueUsername();
		Tokens tokens = this.api.signup(username);
		MvcTestResult result = this.api.get("/api/me", tokens.accessToken());
		assertThat(result).hasStatusOk().bodyJson().extractingPath("$.username").isEqualTo(username);
		assertThat(result).bodyJson().extractingPath("$.roles").asArray().containsExactly("USER");
		assertThat(result).bodyJson().extractingPath("$.id").asString().hasSize(36);
	}

	@Test
	void meWhenNoTokenThenUnauthorizedWithBareChallenge() {
		MvcTestResult result = this.mvc.get().uri("/api/me").exchange();
		assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.headers()
			.hasValue("WWW-Authenticate", CHALLENGE);
		assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("invalid_token");
	}

	@Test
	void adminWhenNoTokenThenUnauthorizedNotForbidden() {
		assertThat(this.mvc.get().uri("/api/admin/users")).hasStatus(HttpStatus.UNAUTHORIZED)
			.headers()
			.hasValue("WWW-Authenticate", CHALLENGE);
	}

	@Test
	void meWhenOtherSchemeThenUnauthorizedWithBareChallenge() {
		assertThat(this.mvc.get().uri("/api/me").header("Authorization", "Basic YWRtaW46YWRtaW4="))
			.hasStatus(HttpStatus.UNAUTHORIZED)
			.headers()
			.hasValue("WWW-Authenticate", CHALLENGE);
	}

	@Test
	void meWhenSchemeInAnyCaseThenAccepted() {
		Tokens tokens = this.api.signup();
		for (String scheme : List.of("bearer", "BEARER", "BeArEr")) {
			assertThat(this.mvc.get().uri("/api/me").header("Authorization", scheme + " " + tokens.accessToken()))
				.hasStatusOk();
		}
	}

	@Test
	void meWhenTokenInvalidThenInvalidTokenChallenge() {
		Tokens tokens = this.api.signup();
		String tampered = tokens.accessToken().substring(0, tokens.accessToken().length() - 2) + "AA";
		for (String token : List.of("x.y.z", "garbage", tampered, tokens.refreshToken())) {
			MvcTestResult result = this.api.get("/api/me", token);
			assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED).headers().hasValue("WWW-Authenticate", INVALID);
			assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("invalid_token");
			assertThat(Api.body(result)).doesNotContain(token).doesNotContainIgnoringCase("exception");
		}
	}

	@Test
	void meWhenTokenEmptyOrBlankThenUnauthorized() {
		for (String header : List.of("Bearer", "Bearer ", "Bearer    ")) {
			assertThat(this.mvc.get().uri("/api/me").header("Authorization", header))
				.hasStatus(HttpStatus.UNAUTHORIZED)
				.headers()
				.hasValue("WWW-Authenticate", INVALID);
		}
	}

	@Test
	void meWhenTokenExpiredThenChallengeSaysExpired() {
		String token = this.accessTokens
			.issue(UUID.randomUUID(), "alice", List.of("USER"), UUID.randomUUID(),
					this.clock.instant().minus(Duration.ofHours(1)))
			.value();
		assertThat(this.api.get("/api/me", token)).hasStatus(HttpStatus.UNAUTHORIZED)
			.headers()
			.hasValue("WWW-Authenticate",
					"Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The access token expired\"");
	}

	@Test
	void meWhenTwoAuthorizationHeadersThenInvalidRequest() {
		Tokens tokens = this.api.signup();
		MvcTestResult result = this.mvc.get()
			.uri("/api/me")
			.header("Authorization", "Bearer " + tokens.accessToken(), "Bearer " + tokens.accessToken())
			.exchange();
		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result.getResponse().getHeader("WWW-Authenticate")).startsWith(CHALLENGE)
			.contains("error=\"invalid_request\"");
	}

	@Test
	void meWhenTokenInHeaderAndQueryThenInvalidRequest() {
		Tokens tokens = this.api.signup();
		for (String name : List.of("access_token", "access%5Ftoken", "access%5ftoken")) {
			MvcTestResult result = this.mvc.get()
				.uri(java.net.URI.create("/api/me?" + name + "=" + tokens.accessToken()))
				.header("Authorization", "Bearer " + tokens.accessToken())
				.exchange();
			assertThat(result).as(name).hasStatus(HttpStatus.BAD_REQUEST);
			assertThat(result.getResponse().getHeader("WWW-Authenticate")).contains("error=\"invalid_request\"");
		}
	}

	@Test
	void adminWhenUserRoleThenForbiddenWithInsufficientScope() {
		Tokens tokens = this.api.signup();
		MvcTestResult result = this.api.get("/api/admin/users", tokens.accessToken());
		assertThat(result).hasStatus(HttpStatus.FORBIDDEN)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("insufficient_role");
		assertThat(result.getResponse().getHeader("WWW-Authenticate")).startsWith(CHALLENGE)
			.contains("error=\"insufficient_scope\"");
	}

	@Test
	void adminUsersWhenAdminThenPageWithoutPasswordHashes() {
		Tokens admin = this.api.login("admin", "admin-password-for-tests");
		this.api.signup();
		MvcTestResult result = this.api.get("/api/admin/users?page=0&size=2", admin.accessToken());
		assertThat(result).hasStatusOk().bodyJson().extractingPath("$.content").asArray().hasSize(2);
		assertThat(result).bodyJson().extractingPath("$.page.size").isEqualTo(2);
		assertThat(result).bodyJson().extractingPath("$.page.number").isEqualTo(0);
		assertThat(result).bodyJson().extractingPath("$.page.total_elements").asNumber().satisfies(
				(total) -> assertThat(total.intValue()).isGreaterThanOrEqualTo(2));
		assertThat(Api.body(result)).doesNotContain("password").doesNotContain("argon2");
	}

	@Test
	void adminUsersWhenPageParametersInvalidThenValidationFailed() {
		Tokens admin = this.api.login("admin", "admin-password-for-tests");
		for (String query : List.of("size=0", "size=101", "page=-1", "size=abc", "page=x")) {
			MvcTestResult result = this.api.get("/api/admin/users?" + query, admin.accessToken());
			assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.code").isEqualTo(
					"validation_failed");
			assertThat(result).bodyJson()
				.extractingPath("$.errors[*].field")
				.asArray()
				.containsExactly(query.substring(0, query.indexOf('=')));
		}
	}

}
