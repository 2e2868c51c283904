package dev.authserver.audit;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.TestPropertySource;

import dev.authserver.support.Api;
import dev.authserver.support.Api.Tokens;
import dev.authserver.support.IntegrationTest;
import dev.authserver.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every security event is one structured line with user id, client address and outcome
 * (docs/operations.md), and no line ever holds a password or a token.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "logging.level.security=INFO", "auth.login.max-failures=2",
		"auth.login.rate-limit-per-minute=40" })
class SecurityEventsTest {

	private static final String WRONG = "the wrong password typed here";

	@Autowired
	Api api;

	@Autowired
	MutableClock clock;

	@Test
	void eventsThenOneLineEachWithoutSecrets(CapturedOutput output) {
		String username = Api.uniqueUsername();
		Tokens signup = this.api.signup(username);
		Tokens login = this.api.login(username, Api.PASSWORD);
		this.api.post("/api/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + WRONG + "\"}");
		this.api.post("/api/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + WRONG + "\"}");
		assertThat(this.api.post("/api/auth/login",
				"{\"username\":\"" + username + "\",\"password\":\"" + Api.PASSWORD + "\"}"))
			.hasStatus(HttpStatus.TOO_MANY_REQUESTS);
		Tokens refreshed = Tokens.of(this.api.refresh(login.refreshToken()));
		this.clock.advance(Duration.ofSeconds(6));
		this.api.refresh(login.refreshToken());
		this.api.logout(signup.refreshToken());
		for (int i = 0; i < 40; i++) {
			this.api.refresh("not-a-token");
		}

		String log = output.getOut();
		for (String event : List.of("event=signup outcome=success", "event=login outcome=success",
				"event=login outcome=failure", "event=lockout outcome=success", "event=lockout outcome=failure",
				"event=refresh outcome=success", "event=refresh_reuse outcome=failure", "event=logout outcome=success",
				"event=rate_limit outcome=failure")) {
			assertThat(log).as(event).contains(event);
		}
		assertThat(log.lines().filter((line) -> line.contains("event=login outcome=success")))
			.allSatisfy((line) -> assertThat(line).matches(".*user_id=[0-9a-f-]{36} client_ip=127\\.0\\.0\\.1.*"));
		for (String secret : List.of(Api.PASSWORD, WRONG, signup.accessToken(), signup.refreshToken(),
				login.refreshToken(), refreshed.accessToken(), signature(login.refreshToken()),
				signature(refreshed.refreshToken()))) {
			assertThat(log).doesNotContain(secret);
		}
	}

	private static String signature(String token) {
		return token.substring(token.lastIndexOf('.') + 1);
	}

}
