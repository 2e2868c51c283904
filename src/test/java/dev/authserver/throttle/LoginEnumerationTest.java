package dev.authserver.throttle;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.authserver.support.Api;
import dev.authserver.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A login tells nothing about which accounts exist (docs/security.md): unknown user, wrong
 * password and disabled account give the same answer, in the same time within noise.
 */
@IntegrationTest
@TestPropertySource(properties = "auth.login.max-failures=1000")
class LoginEnumerationTest {

	private static final int ROUNDS = 15;

	@Autowired
	Api api;

	@Autowired
	org.springframework.jdbc.core.JdbcTemplate jdbc;

	@Test
	void loginWhenUnknownUserWrongPasswordOrDisabledThenSameStatusAndBody() {
		String existing = Api.uniqueUsername();
		String disabled = Api.uniqueUsername();
		this.api.signup(existing);
		this.api.signup(disabled);
		this.jdbc.update("update users set enabled = false where username = ?", disabled);

		MvcTestResult wrong = login(existing, "not the password at all");
		MvcTestResult unknown = login(Api.uniqueUsername(), "not the password at all");
		MvcTestResult disabledRight = login(disabled, Api.PASSWORD);
		for (MvcTestResult result : List.of(wrong, unknown, disabledRight)) {
			assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED);
			assertThat(Api.body(result)).isEqualTo(Api.body(wrong));
		}
	}

	@Test
	void loginWhenUnknownUserThenTakesAsLongAsWrongPassword() {
		String existing = Api.uniqueUsername();
		this.api.signup(existing);
		// warm both paths first
		login(existing, "not the password at all");
		login(Api.uniqueUsername(), "not the password at all");
		List<Long> wrongPassword = new ArrayList<>();
		List<Long> unknownUser = new ArrayList<>();
		for (int i = 0; i < ROUNDS; i++) {
			wrongPassword.add(time(existing));
			unknownUser.add(time(Api.uniqueUsername()));
		}
		long wrong = median(wrongPassword);
		long unknown = median(unknownUser);
		System.out.printf("login median: wrong password %d us, unknown user %d us%n", wrong / 1000, unknown / 1000);
		// the hash dominates both: an early return for unknown users would be far faster
		assertThat((double) Math.abs(wrong - unknown) / Math.max(wrong, unknown)).isLessThan(0.25);
	}

	private long time(String username) {
		long start = System.nanoTime();
		assertThat(login(username, "not the password at all")).hasStatus(HttpStatus.UNAUTHORIZED);
		return System.nanoTime() - start;
	}

	private MvcTestResult login(String username, String password) {
		return this.api.post("/api/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
	}

	private static long median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

}
