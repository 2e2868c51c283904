package dev.authserver.example.orders;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.authserver.verification.TokenIds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The auth server's jar and this service's jar as two processes on loopback ports, as they run
 * in production: every way the server ends a session or a user's tokens reaches this service
 * through the event feed, which then refuses the old access token within two seconds while it
 * keeps taking another user's; and when the server goes away, this service answers 503
 * {@code revocations_stale} after {@code max-staleness}, and works again once the server is back
 * on the same data.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RevocationEndToEndIT {

	private static final String CLIENT_SECRET = "orders-secret-for-the-end-to-end-test";

	/** Every user's password. */
	private static final String PASSWORD = "plum tractor violet harbour";

	private static final String ADMIN_PASSWORD = "quiet orchard lantern tide 1987";

	private static final Duration WITHIN = Duration.ofSeconds(2);

	private static final Duration MAX_STALENESS = Duration.ofSeconds(3);

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/** The processes' working directory, ./data and logs: kept under target/ for a look after a failure. */
	private static Path dir;

	private static int serverPort;

	private static int examplePort;

	private static Process server;

	private static Process example;

	private static String bystander;

	/** How long each revocation took to reach this service, for the log. */
	private static final Map<String, Duration> delays = new LinkedHashMap<>();

	private static int users;

	@BeforeAll
	static void start() throws Exception {
		dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "end-to-end-");
		serverPort = freePort();
		examplePort = freePort();
		server = startServer();
		example = startProcess("example", jar("example.jar"), List.of("--server.address=127.0.0.1",
				"--server.port=" + examplePort,
				"--auth.verifier.jwk-set-uri=http://127.0.0.1:" + serverPort + "/.well-known/jwks.json",
				"--auth.verifier.events-uri=http://127.0.0.1:" + serverPort + "/api/events/poll",
				"--auth.verifier.client-secret=" + CLIENT_SECRET, "--auth.verifier.max-staleness=" + MAX_STALENESS.toSeconds() + "s"));
		awaitUp(serverPort, server, "server");
		awaitUp(examplePort, example, "example");
		bystander = login(signup());
		awaitStatus(bystander, 200, Duration.ofSeconds(30));
	}

	@AfterAll
	static void stop() throws InterruptedException {
		delays.forEach((cause, delay) -> System.out.println("The example service answered " + delay.toMillis()
				+ " ms after " + cause));
		for (Process process : new Process[] { example, server }) {
			if (process != null) {
				process.destroy();
				if (!process.waitFor(20, TimeUnit.SECONDS)) {
					process.destroyForcibly();
				}
			}
		}
	}

	@Test
	@Order(1)
	void ordersWhenTokenValidThenTheCallersOwnAndAdminOnlyForAdmins() throws Exception {
		String name = signup();
		String token = login(name);
		HttpResponse<String> mine = example("GET", "/orders", token);
		assertThat(mine.statusCode()).isEqualTo(200);
		assertThat(read(mine).get("user").asString())
			.isEqualTo(read(server("GET", "/api/me", token, null)).get("id").asString());
		assertThat(mine.body()).hasSameSizeAs(example("GET", "/bench/orders", null).body());
		HttpResponse<String> forbidden = example("GET", "/orders/all", login(name));
		assertThat(forbidden.statusCode()).isEqualTo(403);
		assertThat(read(forbidden).get("code").asString()).isEqualTo("insufficient_role");
		assertThat(example("GET", "/orders/all", login("admin", ADMIN_PASSWORD)).statusCode()).isEqualTo(200);
		assertThat(example("GET", "/orders", null).statusCode()).isEqualTo(401);
		assertThat(example("GET", "/bench/orders", null).statusCode()).isEqualTo(200);
	}

	@Test
	@Order(2)
	void logoutThenRefused() throws Exception {
		JsonNode session = loginSession(signup());
		refusedAfter("logout", access(session), () -> assertThat(server("POST", "/api/auth/logout", null,
				"{\"refresh_token\":\"" + session.get("refresh_token").asString() + "\"}").statusCode()).isEqualTo(204));
	}

	@Test
	@Order(3)
	void logoutEverywhereThenRefused() throws Exception {
		String name = signup();
		String elsewhere = login(name);
		String token = login(name);
		refusedAfter("logout everywhere", elsewhere,
				() -> assertThat(server("POST", "/api/auth/logout-all", token, null).statusCode()).isEqualTo(204));
	}

	@Test
	@Order(4)
	void passwordChangeThenRefused() throws Exception {
		String name = signup();
		String elsewhere = login(name);
		String token = login(name);
		refusedAfter("password change", elsewhere,
				() -> assertThat(server("PUT", "/api/me/password", token, "{\"current_password\":\"" + PASSWORD
						+ "\",\"new_password\":\"" + PASSWORD + " changed\"}").statusCode()).isEqualTo(204));
	}

	@Test
	@Order(5)
	void roleChangeThenRefused() throws Exception {
		String name = signup();
		String admin = login("admin", ADMIN_PASSWORD);
		refusedAfter("role change", login(name), () -> assertThat(server("PUT", "/api/admin/users/" + name + "/roles",
				admin, "{\"roles\":[\"USER\",\"AUDITOR\"]}").statusCode()).isEqualTo(200));
	}

	@Test
	@Order(6)
	void disableThenRefused() throws Exception {
		String name = signup();
		String admin = login("admin", ADMIN_PASSWORD);
		refusedAfter("disable", login(name), () -> assertThat(server("PUT", "/api/admin/users/" + name + "/enabled",
				admin, "{\"enabled\":false}").statusCode()).isEqualTo(200));
	}

	@Test
	@Order(7)
	void sessionEndedThenRefused() throws Exception {
		String name = signup();
		String ended = login(name);
		String token = login(name);
		// the session listed whose text starts the ended token's jti (docs/tokens.md)
		String jti = json.readTree(Base64.getUrlDecoder().decode(ended.split("\\.")[1])).get("jti").asString();
		String id = null;
		for (JsonNode session : read(server("GET", "/api/me/sessions", token, null)).get("content")) {
			if (jti.startsWith(TokenIds.sessionText(UUID.fromString(session.get("id").asString())))) {
				id = session.get("id").asString();
			}
		}
		assertThat(id).as("the session of the first login").isNotNull();
		String sessionId = id;
		refusedAfter("a session ended", ended,
				() -> assertThat(server("DELETE", "/api/me/sessions/" + sessionId, token, null).statusCode())
					.isEqualTo(204));
		assertThat(example("GET", "/orders", token).statusCode()).isEqualTo(200);
	}

	@Test
	@Order(8)
	void refreshTokenReusedThenRefused() throws Exception {
		JsonNode first = loginSession(signup());
		String spent = first.get("refresh_token").asString();
		HttpResponse<String> refreshed = server("POST", "/api/auth/refresh", null, "{\"refresh_token\":\"" + spent + "\"}");
		assertThat(refreshed.statusCode()).isEqualTo(200);
		String current = access(read(refreshed));
		refusedAfter("a reused refresh token", current, () -> assertThat(server("POST", "/api/auth/refresh", null,
				"{\"refresh_token\":\"" + spent + "\"}").statusCode()).isEqualTo(401));
	}

	@Test
	@Order(9)
	void revocationOfTheRefreshTokenThenRefused() throws Exception {
		JsonNode session = loginSession(signup());
		String form = "token=" + URLEncoder.encode(session.get("refresh_token").asString(), StandardCharsets.UTF_8)
				+ "&token_type_hint=refresh_token";
		refusedAfter("RFC 7009 revocation", access(session), () -> {
			HttpResponse<String> revoked = http.send(HttpRequest.newBuilder(uri(serverPort, "/api/auth/revoke"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(revoked.statusCode()).isEqualTo(200);
		});
	}

	@Test
	@Order(10)
	void serverAwayThenStaleAndBackThenAccepted() throws Exception {
		assertThat(example("GET", "/orders", bystander).statusCode()).isEqualTo(200);
		// the feed's last answer comes no earlier than the stop begins: stale from max-staleness after it
		long stopping = System.nanoTime();
		server.destroy();
		assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("the server stopped").isTrue();
		HttpResponse<String> stale = awaitStatus(bystander, 503, MAX_STALENESS.plusSeconds(10));
		Duration after = Duration.ofNanos(System.nanoTime() - stopping);
		delays.put("the server stopped (503 revocations_stale)", after);
		assertThat(read(stale).get("code").asString()).isEqualTo("revocations_stale");
		assertThat(stale.headers().firstValue("Retry-After")).isPresent();
		assertThat(after).isGreaterThanOrEqualTo(MAX_STALENESS.minusMillis(200));
		assertThat(example("GET", "/bench/orders", null).statusCode()).isEqualTo(200);

		server = startServer();
		awaitUp(serverPort, server, "server");
		long back = System.nanoTime();
		awaitStatus(bystander, 200, Duration.ofSeconds(30));
		delays.put("the server came back (200 again)", Duration.ofNanos(System.nanoTime() - back));
	}

	/**
	 * Does what revokes the token, then asks the example service until it refuses it: within two
	 * seconds, with the server's answer, while another user's token still works.
	 */
	private static void refusedAfter(String cause, String token, Action revoke) throws Exception {
		assertThat(example("GET", "/orders", token).statusCode()).isEqualTo(200);
		revoke.run();
		long revoked = System.nanoTime();
		HttpResponse<String> refused = awaitStatus(token, 401, WITHIN.plusSeconds(3));
		Duration delay = Duration.ofNanos(System.nanoTime() - revoked);
		delays.put(cause + " (401 revoked)", delay);
		assertThat(delay).as("refused after " + cause).isLessThanOrEqualTo(WITHIN);
		assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue(
				"Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The access token was revoked\"");
		assertThat(example("GET", "/orders", bystander).statusCode()).isEqualTo(200);
	}

	private static HttpResponse<String> awaitStatus(String token, int status, Duration within) throws Exception {
		long deadline = System.nanoTime() + within.toNanos();
		HttpResponse<String> response;
		do {
			response = example("GET", "/orders", token);
			if (response.statusCode() == status) {
				return response;
			}
			Thread.sleep(20);
		}
		while (System.nanoTime() < deadline);
		return fail("GET /orders answered " + response.statusCode() + " " + response.body() + ", not " + status
				+ " within " + within);
	}

	private static Process startServer() throws IOException {
		// the working directory holds ./data: H2, keys, generated files survive a restart
		return startProcess("server", jar("server.jar"), List.of("--server.address=127.0.0.1",
				"--server.port=" + serverPort, "--auth.jwt.algorithm=EdDSA", "--auth.jwt.refresh-reuse-grace=0s",
				"--auth.events.max-wait=1s", "--auth.login.rate-limit-per-minute=10000",
				"--auth.services[0].id=orders", "--auth.services[0].secret=" + CLIENT_SECRET,
				"--auth.admin.password=" + ADMIN_PASSWORD));
	}

	private static Path jar(String property) {
		String jar = System.getProperty(property);
		assertThat(jar).as("system property " + property + ", set by the build").isNotBlank();
		assertThat(Path.of(jar)).as(property + ": build the server first (./mvnw -B verify at the root)").isRegularFile();
		return Path.of(jar);
	}

	private static Process startProcess(String name, Path jar, List<String> arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
		command.addAll(arguments);
		Path log = Files.createTempFile(dir, name, ".log");
		return new ProcessBuilder(command).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
	}

	private static void awaitUp(int port, Process process, String name) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				fail("the " + name + " exited with " + process.exitValue() + "; its log is in " + dir);
			}
			try {
				HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri(port, "/actuator/health")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		fail("the " + name + " did not start within 90 s; its log is in " + dir);
	}

	/** A new user, signed up with the {@link #PASSWORD}. */
	private static String signup() throws Exception {
		String name = "user-" + (++users) + "-" + Long.toString(System.nanoTime(), 36);
		HttpResponse<String> signup = server("POST", "/api/auth/signup", null,
				"{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}");
		assertThat(signup.statusCode()).as(signup.body()).isEqualTo(201);
		return name;
	}

	private static String login(String name) throws Exception {
		return access(loginSession(name));
	}

	private static String login(String name, String password) throws Exception {
		return access(loginSession(name, password));
	}

	private static JsonNode loginSession(String name) throws Exception {
		return loginSession(name, PASSWORD);
	}

	private static JsonNode loginSession(String name, String password) throws Exception {
		HttpResponse<String> login = server("POST", "/api/auth/login", null,
				"{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}");
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		return read(login);
	}

	private static String access(JsonNode tokens) {
		return tokens.get("access_token").asString();
	}

	private static HttpResponse<String> server(String method, String path, String token, String body)
			throws Exception {
		return send(serverPort, method, path, token, body);
	}

	private static HttpResponse<String> example(String method, String path, String token) throws Exception {
		return send(examplePort, method, path, token, null);
	}

	private static HttpResponse<String> send(int port, String method, String path, String token, String body)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(10));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
				: HttpRequest.BodyPublishers.noBody());
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI uri(int port, String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	private static JsonNode read(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** A step that may throw. */
	@FunctionalInterface
	interface Action {

		void run() throws Exception;

	}

}
