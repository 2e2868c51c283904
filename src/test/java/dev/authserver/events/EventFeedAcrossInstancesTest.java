package dev.authserver.events;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.authserver.support.Api;
import dev.authserver.support.EmbeddedPostgresSupport;
import dev.authserver.support.Instances;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one PostgreSQL serve one feed (docs/revocation.md): an event made on either
 * reaches a receiver polling the other, an acknowledgement on one holds on both, and a burst of
 * ten thousand revocations is delivered in bounded pages while the instances keep answering.
 */
class EventFeedAcrossInstancesTest {

	private static final String ORDERS = Instances.basic("orders", "orders-secret-for-tests");

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	@BeforeAll
	static void startTwoInstancesOnOneDatabase() {
		List<String> properties = new ArrayList<>(
				EmbeddedPostgresSupport.datasourceProperties(EmbeddedPostgresSupport.newDatabaseUrl()));
		properties.addAll(List.of("auth.services[0].id=orders", "auth.services[0].secret=orders-secret-for-tests"));
		first = Instances.start(properties);
		second = Instances.start(properties);
	}

	@AfterAll
	static void stop() {
		Instances.close(first, second);
	}

	@Test
	void pollWhenEventOnTheOtherInstanceThenDeliveredThereAndAcknowledgedForBoth() throws Exception {
		drain(second);
		String signup = signup(first);
		CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> {
			try {
				return poll(second, "{}");
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		Thread.sleep(300);
		assertThat(Instances.post(first, "/api/auth/logout", null,
				"{\"refresh_token\":\"" + JsonPath.read(signup, "$.refresh_token") + "\"}").statusCode()).isEqualTo(204);
		long loggedOut = System.nanoTime();
		Map<String, String> sets = JsonPath.read(held.get(10, TimeUnit.SECONDS), "$.sets");
		long delayMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - loggedOut);
		System.out.println("Event made on one instance delivered by the other after " + delayMillis + " ms");
		assertThat(sets).hasSize(1);
		// the other instance reads the log every second
		assertThat(delayMillis).isLessThan(2500);
		String jti = sets.keySet().iterator().next();

		poll(second, "{\"ack\":[\"" + jti + "\"],\"maxEvents\":0}");
		assertThat((Map<String, String>) JsonPath.read(poll(first, "{\"returnImmediately\":true}"), "$.sets"))
			.doesNotContainKey(jti);
	}

	@Test
	void pollWhenTenThousandRevocationsThenBoundedPagesAndTheServerKeepsAnswering() throws Exception {
		drain(first);
		String access = JsonPath.read(signup(second), "$.access_token");
		JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
		Timestamp now = Timestamp.from(Instant.now());
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			rows.add(new Object[] { UUID.randomUUID(), now });
		}
		jdbc.batchUpdate("insert into revocations (user_id, session_id, revoked_at) values (?, null, ?)", rows);

		Set<String> delivered = new HashSet<>();
		List<String> ack = new ArrayList<>();
		long slowestMe = 0;
		long begun = System.nanoTime();
		int polls = 0;
		while (true) {
			String answer = poll((polls % 2 == 0) ? first : second,
					"{\"ack\":" + json(ack) + ",\"maxEvents\":1000,\"returnImmediately\":true}");
			polls++;
			Map<String, String> sets = JsonPath.read(answer, "$.sets");
			assertThat(sets.size()).isLessThanOrEqualTo(1000);
			if (sets.isEmpty()) {
				break;
			}
			delivered.addAll(sets.keySet());
			ack = new ArrayList<>(sets.keySet());
			long meBegun = System.nanoTime();
			assertThat(Instances.get(second, "/api/me", access).statusCode()).isEqualTo(200);
			slowestMe = Math.max(slowestMe, System.nanoTime() - meBegun);
		}
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun);
		System.out.println("10000 events delivered in " + polls + " polls, " + millis + " ms; slowest /api/me "
				+ TimeUnit.NANOSECONDS.toMillis(slowestMe) + " ms");
		assertThat(delivered).hasSize(10_000);
		assertThat(polls).isBetween(11, 12);
		assertThat(TimeUnit.NANOSECONDS.toMillis(slowestMe)).isLessThan(1000);
	}

	private static String signup(ConfigurableApplicationContext instance) throws Exception {
		HttpResponse<String> response = Instances.post(instance, "/api/auth/signup", null,
				"{\"username\":\"" + Api.uniqueUsername() + "\",\"password\":\"" + Api.PASSWORD + "\"}");
		assertThat(response.statusCode()).isEqualTo(201);
		return response.body();
	}

	private static void drain(ConfigurableApplicationContext instance) throws Exception {
		List<String> ack = new ArrayList<>();
		while (true) {
			Map<String, String> sets = JsonPath.read(
					poll(instance, "{\"ack\":" + json(ack) + ",\"returnImmediately\":true,\"maxEvents\":1000}"), "$.sets");
			if (sets.isEmpty()) {
				return;
			}
			ack = new ArrayList<>(sets.keySet());
		}
	}

	private static String json(List<String> strings) {
		return strings.stream().map((s) -> "\"" + s + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
	}

	private static String poll(ConfigurableApplicationContext instance, String json) throws Exception {
		HttpResponse<String> response = Instances.postWithHeaders(instance, "/api/events/poll", json,
				Map.of("Authorization", ORDERS));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

}
