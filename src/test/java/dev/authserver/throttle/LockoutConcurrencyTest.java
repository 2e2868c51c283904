package dev.authserver.throttle;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.authserver.support.Api;
import dev.authserver.support.Concurrently;
import dev.authserver.support.IntegrationTest;
import dev.authserver.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lockout holds however many logins for one username arrive at once: at most
 * {@code auth.login.max-failures} passwords are tried per lockout window, and a success
 * never lifts a lock in force.
 */
@IntegrationTest
@TestPropertySource(properties = { "auth.login.max-failures=10", "auth.login.lockout=15m" })
class LockoutConcurrencyTest {

	static final int ATTEMPTS = 40;

	@Autowired
	Api api;

	@Autowired
	MutableClock clock;

	@Test
	void loginWhenFortyWrongPasswordsAtOnceThenAtMostMaxFailuresTriedAndLockHolds() throws Exception {
		String username = Api.uniqueUsername();
		this.api.signup(username);

		List<Integer> statuses = Concurrently.run(ATTEMPTS, (i) -> () -> this.api
			.post("/api/auth/login", "{\"username\":\"" + username + "\",\"password\":\"wrong password number " + i + "\"}")
			.getResponse()
			.getStatus());
		Map<Integer, Integer> counts = new TreeMap<>();
		statuses.forEach((status) -> counts.merge(status, 1, Integer::sum));
		System.out.printf("%d concurrent wrong logins for one username: %s%n", ATTEMPTS, counts);

		assertThat(counts.keySet()).containsOnly(401, 429);
		assertThat(counts.get(401)).as("passwords tried").isLessThanOrEqualTo(10);
		// the right password now meets the lock and leaves it in place
		MvcTestResult right = login(username, Api.PASSWORD);
		assertThat(right).hasStatus(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(right.getResponse().getHeader("Retry-After")).isNotNull();
		assertThat(login(username, Api.PASSWORD)).hasStatus(HttpStatus.TOO_MANY_REQUESTS);

		this.clock.advance(Duration.ofMinutes(15).plusSeconds(1));
		assertThat(login(username, Api.PASSWORD)).hasStatusOk();
	}

	@Test
	void loginWhenRightPasswordAmongConcurrentWrongOnesThenNoMoreThanMaxTried() throws Exception {
		String username = Api.uniqueUsername();
		this.api.signup(username);
		List<Integer> statuses = Concurrently.run(ATTEMPTS,
				(i) -> () -> login(username, (i == ATTEMPTS / 2) ? Api.PASSWORD : "wrong password number " + i)
					.getResponse()
					.getStatus());
		long tried = statuses.stream().filter((status) -> status == 401 || status == 200).count();
		assertThat(statuses).doesNotContain(500);
		// a success resets the count, so the budget may start again once: never more than twice the limit
		assertThat(tried).isLessThanOrEqualTo(20);
	}

	private MvcTestResult login(String username, String password) {
		return this.api.post("/api/auth/login",
				"{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
	}

}
