package dev.authserver.throttle;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.authserver.support.Api;
import dev.authserver.support.IntegrationTest;
import dev.authserver.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/** Lockout per username and rate limit per client address (docs/security.md). */
@IntegrationTest
@TestPropertySource(properties = { "auth.login.max-failures=3", "auth.login.lockout=15m",
		"auth.login.rate-limit-per-minute=20" })
class LoginThrottleTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Api api;

	@Autowired
	MutableClock clock;

	@Test
	void loginWhenFailuresReachMaxThenLockedWithRetryAfterUntilLockoutPassed() {
		String address = "10.1.0.1";
		String username = Api.uniqueUsername();
		signup(username, address);
		for (int i = 0; i < 3; i++) {
			assertThat(login(username, "not the password at all", address)).hasStatus(HttpStatus.UNAUTHORIZED);
		}
		// locked now, even with the right password
		MvcTestResult locked = login(username, Api.PASSWORD, address);
		assertThat(locked).hasStatus(HttpStatus.TOO_MANY_REQUESTS)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.code")
			.isEqualTo("too_many_attempts");
		long retryAfter = Long.parseLong(locked.getResponse().getHeader("Retry-After"));
		assertThat(retryAfter).isBetween(1L, 15 * 60L);

		this.clock.advance(Duration.ofMinutes(15).plusSeconds(1));
		assertThat(login(username, Api.PASSWORD, address)).hasStatusOk();
	}

	@Test
	void loginWhenSucceedsThenFailureCountStartsAgain() {
		String address = "10.1.0.2";
		String username = Api.uniqueUsername();
		signup(username, address);
		for (int round = 0; round < 3; round++) {
			assertThat(login(username, "not the password at all", address)).hasStatus(HttpStatus.UNAUTHORIZED);
			assertThat(login(username, "not the password at all", address)).hasStatus(HttpStatus.UNAUTHORIZED);
			assertThat(login(username, Api.PASSWORD, address)).hasStatusOk();
		}
	}

	@Test
	void loginWhenUnknownOrExistingUsernameLockedThenSameAnswer() {
		String address = "10.1.0.3";
		String existing = Api.uniqueUsername();
		String unknown = Api.uniqueUsername();
		signup(existing, address);
		for (int i = 0; i < 3; i++) {
			login(existing, "not the password at all", address);
			login(unknown, "not the password at all", address);
		}
		MvcTestResult lockedExisting = login(existing, "not the password at all", address);
		MvcTestResult lockedUnknown = login(unknown, "not the password at all", address);
		assertThat(lockedExisting).hasStatus(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(lockedUnknown).hasStatus(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(Api.body(lockedUnknown)).isEqualTo(Api.body(lockedExisting));
	}

	@Test
	void loginWhenUsernameInOtherCaseThenSameCounter() {
		String address = "10.1.0.4";
		String username = Api.uniqueUsername();
		signup(username, address);
		login(username, "not the password at all", address);
		login(username.toUpperCase(), "not the password at all", address);
		login(username, "not the password at all", address);
		assertThat(login(username, Api.PASSWORD, address)).hasStatus(HttpStatus.TOO_MANY_REQUESTS);
	}

	@Test
	void attemptsWhenOverRateFromOneAddressThenTooManyWithRetryAfterOthersUnaffected() {
		String address = "10.2.0.1";
		int accepted = 0;
		MvcTestResult refused = null;
		for (int i = 0; i < 25 && refused == null; i++) {
			MvcTestResult result = login("nobody-" + i, "not the password at all", address);
			if (result.getResponse().getStatus() == 429) {
				refused = result;
			}
			else {
				accepted++;
			}
		}
		assertThat(accepted).isEqualTo(20);
		assertThat(refused).isNotNull();
		assertThat(refused).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.code")
			.isEqualTo("too_many_attempts");
		assertThat(Long.parseLong(refused.getResponse().getHeader("Retry-After"))).isBetween(1L, 60L);
		// signup and refresh share the budget of the address
		assertThat(post("/api/auth/refresh", "{\"refresh_token\":\"x\"}", address))
			.hasStatus(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(post("/api/auth/signup", "{}", address)).hasStatus(HttpStatus.TOO_MANY_REQUESTS);
		// and revocation, which answers 200 to any token
		assertThat(revoke("token=x", address)).hasStatus(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(revoke("token=x", "10.2.0.3")).hasStatusOk();
		// another address is not affected
		assertThat(login("nobody", "not the password at all", "10.2.0.2")).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	private void signup(String username, String address) {
		assertThat(post("/api/auth/signup", "{\"username\":\"" + username + "\",\"password\":\"" + Api.PASSWORD + "\"}",
				address))
			.hasStatus(HttpStatus.CREATED);
	}

	private MvcTestResult login(String username, String password, String address) {
		return post("/api/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}", address);
	}

	private MvcTestResult revoke(String form, String address) {
		return this.mvc.post()
			.uri("/api/auth/revoke")
			.with((request) -> {
				request.setRemoteAddr(address);
				return request;
			})
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content(form)
			.exchange();
	}

	private MvcTestResult post(String path, String json, String address) {
		return this.mvc.post()
			.uri(path)
			.with((request) -> {
				request.setRemoteAddr(address);
				return request;
			})
			.contentType(MediaType.APPLICATION_JSON)
			.content(json)
			.exchange();
	}

}
