package dev.authserver.admin;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.authserver.audit.AuditTrail;
import dev.authserver.support.Api;
import dev.authserver.support.IntegrationTest;
import dev.authserver.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stored security events (docs/operations.md): written beside the log line of each event,
 * with the client's address and user agent and never a typed username, listed newest first to
 * the administrator with filters, purged after the retention, and never failing the request
 * they describe when they cannot be written.
 */
@IntegrationTest
class AdminEventsTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Api api;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	AuditTrail trail;

	@Autowired
	MeterRegistry meters;

	@Test
	void listWhenLoginsThenNewestFirstWithAddressAndUserAgentAndNoTypedUsername() {
		String username = Api.uniqueUsername();
		String userId = JsonPath.read(payload(this.api.signup(username).accessToken()), "$.sub");
		String typo = username + "-typo-" + UUID.randomUUID();
		assertThat(login(typo, Api.PASSWORD, "TypoBrowser/1.0")).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(login(username, "a wrong password entirely", "WrongBrowser/2.0")).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(login(username, Api.PASSWORD, "RightBrowser/3.0")).hasStatusOk();
		this.trail.flush();

		String body = Api.body(list("?type=login&user=" + username, admin()));
		List<Map<String, Object>> events = JsonPath.read(body, "$.content");
		assertThat(events).hasSize(2);
		assertThat(events.get(0)).containsEntry("type", "login")
			.containsEntry("outcome", "success")
			.containsEntry("user_id", userId)
			.containsEntry("username", username)
			.containsEntry("client_ip", "127.0.0.1")
			.containsEntry("user_agent", "RightBrowser/3.0")
			.containsKeys("id", "at");
		assertThat(events.get(1)).containsEntry("outcome", "failure").containsEntry("user_agent", "WrongBrowser/2.0");
		// the same user by id; the typo's failure has no user and nothing of what was typed
		assertThat(JsonPath.<List<Object>>read(Api.body(list("?type=login&user=" + userId, admin())), "$.content"))
			.hasSize(2);
		List<Map<String, Object>> rows = this.jdbc.queryForList("select * from security_events");
		assertThat(rows.toString()).doesNotContain(typo).doesNotContain("a wrong password");
		assertThat(rows).anySatisfy((row) -> assertThat(row.get("USER_AGENT")).isEqualTo("TypoBrowser/1.0"));
	}

	@Test
	void listWhenFiltersThenAppliedAndPagedNewestFirst() {
		this.api.signup();
		this.clock.advance(Duration.ofHours(2));
		String admin = admin();
		String since = this.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
		this.api.signup();
		this.api.signup();
		this.trail.flush();

		MvcTestResult result = list("?type=signup&since=" + since + "&size=1", admin);
		assertThat(result).hasStatusOk();
		String body = Api.body(result);
		assertThat(JsonPath.<Integer>read(body, "$.page.total_elements")).isEqualTo(2);
		assertThat(JsonPath.<Integer>read(body, "$.page.size")).isEqualTo(1);
		assertThat(JsonPath.<List<Object>>read(body, "$.content")).hasSize(1);
		assertThat(JsonPath.<List<Object>>read(Api.body(list("?user=nobody-at-all", admin)), "$.content")).isEmpty();
	}

	@Test
	void listWhenBadFilterOrNotAdministratorThen4xx() {
		String admin = admin();
		for (String query : new String[] { "?type=nonsense", "?since=yesterday", "?size=201", "?page=-1" }) {
			MvcTestResult result = list(query, admin);
			assertThat(result).as(query).hasStatus(HttpStatus.BAD_REQUEST)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		}
		assertThat(list("", this.api.signup().accessToken())).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.get().uri("/api/admin/events").exchange()).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void purgeWhenOlderThanRetentionThenDeletedAndNewerKept() {
		Timestamp old = Timestamp.from(this.clock.instant().minus(Duration.ofDays(31)));
		Timestamp recent = Timestamp.from(this.clock.instant().minus(Duration.ofDays(29)));
		for (int i = 0; i < 2500; i++) {
			this.jdbc.update("insert into security_events (type, outcome, occurred_at) values ('login', 'failure', ?)", old);
		}
		this.jdbc.update("insert into security_events (type, outcome, occurred_at) values ('login', 'failure', ?)", recent);

		assertThat(this.trail.purge()).isGreaterThanOrEqualTo(2500);

		assertThat(this.jdbc.queryForObject("select count(*) from security_events where occurred_at < ?", Integer.class,
				Timestamp.from(this.clock.instant().minus(Duration.ofDays(30))))).isZero();
		assertThat(this.jdbc.queryForObject("select count(*) from security_events where occurred_at >= ?", Integer.class,
				Timestamp.from(this.clock.instant().minus(Duration.ofDays(30))))).isPositive();
	}

	@Test
	void loginWhenEventsCannotBeStoredThenStillSucceedsAndTheLossIsCounted() {
		String username = Api.uniqueUsername();
		this.api.signup(username);
		this.trail.flush();
		double droppedBefore = this.meters.counter("auth.audit.dropped").count();
		this.jdbc.execute("alter table security_events rename to security_events_away");
		try {
			assertThat(login(username, Api.PASSWORD, "Any/1.0")).hasStatusOk();
			// written by the writer or here, whichever takes it: either way it cannot be stored
			this.trail.flush();
			Awaitility.await().atMost(Duration.ofSeconds(10))
				.until(() -> this.meters.counter("auth.audit.dropped").count() > droppedBefore);
		}
		finally {
			this.jdbc.execute("alter table security_events_away rename to security_events");
		}
		assertThat(login(username, Api.PASSWORD, "Any/1.0")).hasStatusOk();
		this.trail.flush();
		assertThat(JsonPath.<List<Object>>read(Api.body(list("?type=login&user=" + username, admin())), "$.content"))
			.hasSize(1);
	}

	private MvcTestResult login(String username, String password, String userAgent) {
		return this.mvc.post()
			.uri("/api/auth/login")
			.header("User-Agent", userAgent)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
			.exchange();
	}

	private MvcTestResult list(String query, String accessToken) {
		return this.api.get("/api/admin/events" + query, accessToken);
	}

	private String admin() {
		return this.api.login("admin", LastAdminTest.ADMIN_PASSWORD).accessToken();
	}

	private static String payload(String jwt) {
		return new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
				java.nio.charset.StandardCharsets.UTF_8);
	}

}
