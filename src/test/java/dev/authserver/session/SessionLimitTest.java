package dev.authserver.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.authserver.support.Api;
import dev.authserver.support.Api.Tokens;
import dev.authserver.support.Concurrently;
import dev.authserver.support.IntegrationTest;
import dev.authserver.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code auth.sessions.max-per-user}: a login beyond the limit ends the least recently used
 * session, also under a burst; {@code GET /api/me/sessions} is paged.
 */
@IntegrationTest
@TestPropertySource(properties = "auth.sessions.max-per-user=3")
class SessionLimitTest {

	@Autowired
	Api api;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MutableClock clock;

	@Test
	void loginWhenOverLimitThenLeastRecentlyUsedSessionEnds() {
		String username = Api.uniqueUsername();
		Tokens oldest = this.api.signup(username);
		this.clock.advance(Duration.ofSeconds(1));
		Tokens second = this.api.login(username, Api.PASSWORD);
		this.clock.advance(Duration.ofSeconds(1));
		Tokens third = this.api.login(username, Api.PASSWORD);
		this.clock.advance(Duration.ofSeconds(1));
		// using the oldest makes the second the least recently used
		Tokens oldestRefreshed = Tokens.of(this.api.refresh(oldest.refreshToken()));
		this.clock.advance(Duration.ofSeconds(1));

		Tokens fourth = this.api.login(username, Api.PASSWORD);

		assertThat(this.api.refresh(second.refreshToken())).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.api.get("/api/me", second.accessToken())).hasStatus(HttpStatus.UNAUTHORIZED);
		for (Tokens live : List.of(oldestRefreshed, third, fourth)) {
			assertThat(this.api.get("/api/me", live.accessToken())).hasStatusOk();
		}
		assertThat(liveSessions(username)).isEqualTo(3);
	}

	@Test
	void loginWhenBurstOfConcurrentLoginsThenAtMostLimitSurvive() throws Exception {
		String username = Api.uniqueUsername();
		this.api.signup(username);
		// fewer than auth.login.max-failures at once: more would be refused as a lockout would
		List<Integer> statuses = Concurrently.run(9, (i) -> () -> this.api
			.post("/api/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + Api.PASSWORD + "\"}")
			.getResponse()
			.getStatus());
		// the hashing admission may turn one away when the machine is busy: 429, no session
		assertThat(statuses).isSubsetOf(200, 429);
		assertThat(statuses.stream().filter((status) -> status == 200).count()).isGreaterThanOrEqualTo(3);
		assertThat(liveSessions(username)).isEqualTo(3);
	}

	@Test
	void sessionsWhenPagedThenPageOfMostRecentlyUsedWithTotals() {
		String username = Api.uniqueUsername();
		List<Tokens> sessions = new ArrayList<>();
		sessions.add(this.api.signup(username));
		sessions.add(this.api.login(username, Api.PASSWORD));
		sessions.add(this.api.login(username, Api.PASSWORD));

		MvcTestResult first = this.api.get("/api/me/sessions?page=0&size=2", sessions.get(2).accessToken());
		assertThat(first).hasStatusOk();
		String body = Api.body(first);
		assertThat(JsonPath.<List<Object>>read(body, "$.content")).hasSize(2);
		assertThat(JsonPath.<Integer>read(body, "$.page.total_elements")).isEqualTo(3);
		assertThat(JsonPath.<Integer>read(body, "$.page.total_pages")).isEqualTo(2);
		assertThat(JsonPath.<Integer>read(body, "$.page.size")).isEqualTo(2);
		String second = Api.body(this.api.get("/api/me/sessions?page=1&size=2", sessions.get(2).accessToken()));
		assertThat(JsonPath.<List<Object>>read(second, "$.content")).hasSize(1);
		assertThat(this.api.get("/api/me/sessions?size=1000", sessions.get(2).accessToken()))
			.hasStatus(HttpStatus.BAD_REQUEST);
	}

	int liveSessions(String username) {
		return this.jdbc.queryForObject("select count(*) from sessions s join users u on u.id = s.user_id "
				+ "where u.username = ? and s.ended_at is null", Integer.class, username);
	}

}
