package dev.authserver.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.authserver.support.Api;
import dev.authserver.support.Instances;
import dev.authserver.support.StoppablePostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL goes away for ten seconds under a steady mixed load on two instances, and comes
 * back (docs/operations.md): no 500 and no hang while it is away, every call that needs it a
 * quick 503 with {@code Retry-After}, {@code /api/me} answered from memory, readiness down and
 * liveness up, one log line each way; once it is back, everything works within five seconds
 * without a restart, nothing acknowledged is lost, and a revocation on one instance reaches the
 * other.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageTest {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/** Status counts by phase, then by call. */
	private final Map<String, ConcurrentMap<String, AtomicLong>> counts = new TreeMap<>();

	private volatile String phase = "1 before";

	private final List<String> failures = new CopyOnWriteArrayList<>();

	private final AtomicLong slowestDuringOutage = new AtomicLong();

	private final ConcurrentMap<String, Long> slowestByCall = new ConcurrentHashMap<>();

	@Test
	void outageWhenTenSecondsUnderLoadThenQuick503sNo500NothingLostAndBackWithinFiveSeconds(CapturedOutput output)
			throws Exception {
		try (StoppablePostgres postgres = StoppablePostgres.start()) {
			List<String> properties = new ArrayList<>(postgres.datasourceProperties());
			properties.add("spring.profiles.active=postgres");
			properties.add("auth.login.rate-limit-per-minute=1000000");
			ConfigurableApplicationContext first = Instances.start(properties);
			ConfigurableApplicationContext second = Instances.start(properties);
			try {
				run(postgres, first, second, output);
			}
			finally {
				Instances.close(first, second);
			}
		}
	}

	private void run(StoppablePostgres postgres, ConfigurableApplicationContext first,
			ConfigurableApplicationContext second, CapturedOutput output) throws Exception {
		List<ConfigurableApplicationContext> instances = List.of(first, second);
		// four clients, each with an account, its latest refresh token and access token
		List<Client> clients = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			clients.add(new Client(instances.get(i % 2), signup(instances.get(i % 2))));
		}
		List<Thread> load = new ArrayList<>();
		for (Client client : clients) {
			Thread thread = new Thread(() -> client.loop(this), "load-" + clients.indexOf(client));
			thread.start();
			load.add(thread);
		}
		String probeSignup = signup(first);
		String probeUsername = JsonPath.read(new String(java.util.Base64.getUrlDecoder()
			.decode(JsonPath.<String>read(probeSignup, "$.access_token").split("\\.")[1]),
				java.nio.charset.StandardCharsets.UTF_8), "$.preferred_username");
		Thread.sleep(5000);

		this.phase = "2 during";
		postgres.stop();
		long stoppedAt = System.nanoTime();
		Thread.sleep(4000);
		assertThat(status(first, "/actuator/health/readiness", null)).isEqualTo(503);
		assertThat(status(first, "/actuator/health/liveness", null)).isEqualTo(200);
		while (System.nanoTime() - stoppedAt < 10_000_000_000L) {
			Thread.sleep(100);
		}

		postgres.restart();
		long restartedAt = System.nanoTime();
		System.out.println("Database restarted at " + java.time.Instant.now());
		this.phase = "3 recovering";
		// every kind of call works again within 5 s: a login and a refresh of a client of its own
		String probe = probeSignup;
		long recoveredAt = 0;
		while (System.nanoTime() - restartedAt < 5_000_000_000L) {
			HttpResponse<String> login = post(second, "/api/auth/login", "{\"username\":\"" + probeUsername
					+ "\",\"password\":\"" + Api.PASSWORD + "\"}");
			HttpResponse<String> refresh = post(first, "/api/auth/refresh",
					"{\"refresh_token\":\"" + JsonPath.read(probe, "$.refresh_token") + "\"}");
			if (login.statusCode() == 200 && refresh.statusCode() == 200) {
				recoveredAt = System.nanoTime();
				break;
			}
			if (refresh.statusCode() == 200) {
				probe = refresh.body();
			}
			Thread.sleep(100);
		}
		this.phase = "4 after";
		Thread.sleep(5000);
		for (Client client : clients) {
			client.stop();
		}
		for (Thread thread : load) {
			thread.join(10_000);
		}
		System.out.println("Status codes by phase and call: " + this.counts);
		System.out.println("Recovery after the database's restart: "
				+ ((recoveredAt == 0) ? "not within 5 s" : ((recoveredAt - restartedAt) / 1_000_000) + " ms")
				+ "; slowest answer while it was away: " + this.slowestDuringOutage.get() + " ms, by call "
				+ this.slowestByCall);

		assertThat(this.failures).isEmpty();
		assertThat(recoveredAt).as("every call works again within 5 s").isPositive();
		for (Map<String, AtomicLong> byCall : this.counts.values()) {
			assertThat(byCall.keySet()).noneMatch((key) -> key.endsWith(" 500"));
		}
		assertThat(this.counts.get("2 during").keySet()).contains("me 200", "login 503");
		assertThat(this.slowestDuringOutage.get()).isLessThan(3500);
		assertThat(status(first, "/actuator/health/readiness", null)).isEqualTo(200);
		// nothing acknowledged is lost: each account logs in, each latest refresh token refreshes
		for (Client client : clients) {
			assertThat(post(client.instance, "/api/auth/login", client.loginJson()).statusCode()).isEqualTo(200);
			assertThat(post(client.instance, "/api/auth/refresh", client.refreshJson()).statusCode()).isEqualTo(200);
		}
		// a revocation on one instance after the outage reaches the other
		String tokens = signup(first);
		String access = JsonPath.read(tokens, "$.access_token");
		assertThat(status(second, "/api/me", access)).isEqualTo(200);
		assertThat(post(first, "/api/auth/logout", "{\"refresh_token\":\"" + JsonPath.read(tokens, "$.refresh_token")
				+ "\"}").statusCode()).isEqualTo(204);
		long loggedOut = System.nanoTime();
		while (status(second, "/api/me", access) == 200) {
			assertThat(System.nanoTime() - loggedOut).isLessThan(5_000_000_000L);
			Thread.sleep(50);
		}
		// one line when the database goes, one when it is back: not one per request
		assertThat(count(output.getAll(), "The database is unreachable")).isBetween(1, 2);
		assertThat(count(output.getAll(), "The database is reachable again")).isBetween(1, 2);
	}

	void record(String call, int status, long millis) {
		this.counts.computeIfAbsent(this.phase, (key) -> new ConcurrentHashMap<>())
			.computeIfAbsent(call + " " + status, (key) -> new AtomicLong())
			.incrementAndGet();
		if (this.phase.startsWith("2")) {
			this.slowestDuringOutage.accumulateAndGet(millis, Math::max);
			this.slowestByCall.merge(call + " " + status, millis, Math::max);
		}
		if (status >= 500 && status != 503) {
			this.failures.add(call + " " + status + " in " + this.phase);
		}
	}

	private static int count(String text, String line) {
		int count = 0;
		for (int at = text.indexOf(line); at >= 0; at = text.indexOf(line, at + 1)) {
			count++;
		}
		return count;
	}

	private static String signup(ConfigurableApplicationContext instance) throws Exception {
		HttpResponse<String> response = post(instance, "/api/auth/signup",
				"{\"username\":\"" + Api.uniqueUsername() + "\",\"password\":\"" + Api.PASSWORD + "\"}");
		assertThat(response.statusCode()).isEqualTo(201);
		return response.body();
	}

	static HttpResponse<String> post(ConfigurableApplicationContext instance, String path, String json)
			throws Exception {
		return http.send(HttpRequest.newBuilder(Instances.uri(instance, path))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), BodyHandlers.ofString());
	}

	static int status(ConfigurableApplicationContext instance, String path, String accessToken) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(Instances.uri(instance, path)).timeout(Duration.ofSeconds(10));
		if (accessToken != null) {
			request.header("Authorization", "Bearer " + accessToken);
		}
		return http.send(request.build(), BodyHandlers.discarding()).statusCode();
	}

	/** One user's steady calls: a login, a refresh and a few /api/me, over and over. */
	private static final class Client {

		final ConfigurableApplicationContext instance;

		final String username;

		final AtomicReference<String> refreshToken = new AtomicReference<>();

		final AtomicReference<String> accessToken = new AtomicReference<>();

		volatile boolean running = true;

		Client(ConfigurableApplicationContext instance, String signup) {
			this.instance = instance;
			this.accessToken.set(JsonPath.read(signup, "$.access_token"));
			this.refreshToken.set(JsonPath.read(signup, "$.refresh_token"));
			this.username = JsonPath.read(new String(java.util.Base64.getUrlDecoder()
				.decode(this.accessToken.get().split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8),
					"$.preferred_username");
		}

		String loginJson() {
			return "{\"username\":\"" + this.username + "\",\"password\":\"" + Api.PASSWORD + "\"}";
		}

		String refreshJson() {
			return "{\"refresh_token\":\"" + this.refreshToken.get() + "\"}";
		}

		void stop() {
			this.running = false;
		}

		void loop(DatabaseOutageTest test) {
			while (this.running) {
				try {
					call(test, "login", () -> post(this.instance, "/api/auth/login", loginJson()));
					call(test, "refresh", () -> post(this.instance, "/api/auth/refresh", refreshJson()));
					for (int i = 0; i < 5; i++) {
						long began = System.nanoTime();
						int status = status(this.instance, "/api/me", this.accessToken.get());
						test.record("me", status, (System.nanoTime() - began) / 1_000_000);
					}
					Thread.sleep(20);
				}
				catch (Exception ex) {
					test.failures.add(ex.toString());
				}
			}
		}

		/** A call whose token response, when it succeeds, becomes the client's tokens. */
		private void call(DatabaseOutageTest test, String name, Call call) throws Exception {
			long began = System.nanoTime();
			HttpResponse<String> response = call.send();
			test.record(name, response.statusCode(), (System.nanoTime() - began) / 1_000_000);
			if (response.statusCode() == 200) {
				// acknowledged: from now on this refresh token must work, whatever happens to the database
				this.refreshToken.set(JsonPath.read(response.body(), "$.refresh_token"));
				this.accessToken.set(JsonPath.read(response.body(), "$.access_token"));
			}
			else if (response.statusCode() == 503) {
				assertRetryAfter(test, name, response);
			}
		}

		private static void assertRetryAfter(DatabaseOutageTest test, String name, HttpResponse<String> response) {
			if (response.headers().firstValue("Retry-After").isEmpty()
					|| !response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
				test.failures.add(name + " 503 without Retry-After or problem+json");
			}
		}

	}

	@FunctionalInterface
	private interface Call {

		HttpResponse<String> send() throws Exception;

	}

}
