package dev.authserver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs the packaged jar as a real process on its default H2 file database and stops it the two
 * ways a process ends: killed with SIGKILL, the accounts, sessions and generated key it had
 * acknowledged are still there after a restart in the same folder; stopped with SIGTERM, the
 * requests under way are answered and the database file is compacted to what it holds
 * (docs/operations.md).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CrashDurabilityIT {

	private static final int USERS = 30;

	private static final int REFRESHES = 1500;

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

	private static final String KEY_FILE = "data/jwt-signing.key";

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	@TempDir
	Path workDir;

	private Process server;

	@AfterEach
	void stopServer() throws InterruptedException {
		// also after a failed assertion: a leftover server would hold its port and the H2 file lock
		if (this.server != null) {
			this.server.destroyForcibly();
			this.server.waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void whenKilledWithSigkillThenAcknowledgedSignupsSessionsAndKeySurvive() throws Exception {
		int port = start("before-crash.log");
		Map<String, String> acknowledged = new LinkedHashMap<>();
		JsonNode lastTokens = null;
		for (int i = 0; i < USERS; i++) {
			String username = "crash-user-" + i;
			String password = UUID.randomUUID().toString();
			HttpResponse<String> response = post(port, "/api/auth/signup",
					Map.of("username", username, "password", password));
			if (response.statusCode() == 201) {
				acknowledged.put(username, password);
				lastTokens = this.json.readTree(response.body());
			}
		}
		// no pause before the kill: the last signups are the ones a delayed writer would still hold in memory
		int exitStatus = kill();

		assertThat(exitStatus).as("exit status of a process ended by SIGKILL (128 + 9)").isEqualTo(137);
		assertThat(acknowledged).as("signups answered 201 before the crash").hasSize(USERS);
		Path keyFile = this.workDir.resolve(KEY_FILE);
		assertThat(keyFile).exists();
		assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(this.workDir.resolve("before-crash.log")).content().contains("generated a new signing key");
		byte[] keyBeforeRestart = Files.readAllBytes(keyFile);

		port = start("after-crash.log");

		assertThat(this.workDir.resolve("after-crash.log")).content()
			.contains("Using the signing key stored in")
			.doesNotContain("generated a new signing key");
		assertThat(keyFile).hasBinaryContent(keyBeforeRestart);
		List<String> lost = new ArrayList<>();
		String accessTokenAfterRestart = null;
		for (Map.Entry<String, String> user : acknowledged.entrySet()) {
			HttpResponse<String> login = post(port, "/api/auth/login",
					Map.of("username", user.getKey(), "password", user.getValue()));
			if (login.statusCode() == 200) {
				accessTokenAfterRestart = this.json.readTree(login.body()).path("access_token").asString();
			}
			else {
				lost.add(user.getKey() + " (" + login.statusCode() + ")");
			}
		}
		assertThat(lost).as("users answered 201 before the crash who cannot log in after it").isEmpty();
		// a refresh token only verifies under the key that signed it, and only rotates if its
		// session row, written by the very last signup before the kill, was kept
		String refreshToken = lastTokens.path("refresh_token").asString();
		HttpResponse<String> refresh = post(port, "/api/auth/refresh", Map.of("refresh_token", refreshToken));
		assertThat(refresh.statusCode()).as("refresh with a token issued before the crash: %s", refresh.body())
			.isEqualTo(200);
		assertThat(this.json.readTree(refresh.body()).path("refresh_token").asString()).isNotBlank()
			.isNotEqualTo(refreshToken);
		// the kid is computed from the key material, so the same kid means the same key
		assertThat(keyId(accessTokenAfterRestart)).isEqualTo(keyId(lastTokens.path("access_token").asString()));
	}

	@Test
	void whenStoppedWithSigtermThenLoginsUnderWayAreAnsweredAndTheDatabaseFileShrinks() throws Exception {
		int port = start("before-stop.log");
		String password = UUID.randomUUID().toString();
		HttpResponse<String> signup = post(port, "/api/auth/signup",
				Map.of("username", "stop-user", "password", password));
		assertThat(signup.statusCode()).as("signup: %s", signup.body()).isEqualTo(201);
		// each rotation is a commit, and each commit a new chunk at the end of the database file
		String refreshToken = this.json.readTree(signup.body()).path("refresh_token").asString();
		for (int i = 0; i < REFRESHES; i++) {
			HttpResponse<String> refresh = post(port, "/api/auth/refresh", Map.of("refresh_token", refreshToken));
			assertThat(refresh.statusCode()).as("refresh %d: %s", i, refresh.body()).isEqualTo(200);
			refreshToken = this.json.readTree(refresh.body()).path("refresh_token").asString();
		}
		Path database = this.workDir.resolve("data/auth.mv.db");
		long sizeBeforeStop = Files.size(database);
		assertThat(sizeBeforeStop).as("database file after %d refreshes", REFRESHES).isGreaterThan(8L << 20);

		// more logins than the cores that hash them, each on a connection opened before, so they are
		// on the wire at once and some still wait for a hash when SIGTERM comes
		int logins = 4 * Runtime.getRuntime().availableProcessors();
		List<CompletableFuture<HttpResponse<String>>> warmUp = new ArrayList<>();
		for (int i = 0; i < logins; i++) {
			warmUp.add(this.http.sendAsync(HttpRequest.newBuilder(uri(port, "/actuator/health")).build(),
					BodyHandlers.ofString()));
		}
		CompletableFuture.allOf(warmUp.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
		List<CompletableFuture<HttpResponse<String>>> underWay = new ArrayList<>();
		for (int i = 0; i < logins; i++) {
			underWay.add(this.http.sendAsync(request(port, "/api/auth/login",
					Map.of("username", "stop-user", "password", password)), BodyHandlers.ofString()));
		}
		Thread.sleep(50);
		assertThat(underWay).as("logins not yet answered when SIGTERM is sent").anyMatch((login) -> !login.isDone());
		// destroy is SIGTERM on Linux: the shutdown hooks run
		this.server.destroy();
		assertThat(this.server.waitFor(60, TimeUnit.SECONDS)).as("the server exited after SIGTERM").isTrue();

		List<String> answers = new ArrayList<>();
		for (CompletableFuture<HttpResponse<String>> login : underWay) {
			HttpResponse<String> response = login.get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			answers.add(response.statusCode() + " " + response.body());
		}
		assertThat(answers).as("logins sent before SIGTERM").allMatch((answer) -> answer.startsWith("200 "));
		assertThat(this.workDir.resolve("before-stop.log")).content()
			.doesNotContain("Database is already closed")
			.doesNotContain(" ERROR ");
		assertThat(Files.size(database)).as("database file after the stop, %d bytes before it", sizeBeforeStop)
			.isLessThan(sizeBeforeStop / 4);

		port = start("after-stop.log");
		HttpResponse<String> refresh = post(port, "/api/auth/refresh", Map.of("refresh_token", refreshToken));
		assertThat(refresh.statusCode()).as("refresh after the restart: %s", refresh.body()).isEqualTo(200);
		for (String answer : answers) {
			String token = this.json.readTree(answer.substring(4)).path("refresh_token").asString();
			assertThat(post(port, "/api/auth/refresh", Map.of("refresh_token", token)).statusCode())
				.as("refresh of a session a login under way at SIGTERM started")
				.isEqualTo(200);
		}
	}

	/** Starts the jar in the working folder on a free loopback port and waits until it is healthy. */
	private int start(String logName) throws IOException, InterruptedException {
		String jar = System.getProperty("app.jar");
		assertThat(jar).as("system property app.jar, set by the failsafe plugin").isNotBlank();
		assertThat(Path.of(jar)).as("the packaged jar").isRegularFile();
		int port = freePort();
		Path log = this.workDir.resolve(logName);
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		// the output goes to a file, not a pipe: nobody drains a pipe, and a full one blocks the server
		this.server = new ProcessBuilder(java, "-jar", jar, "--server.address=127.0.0.1", "--server.port=" + port,
				"--auth.admin.password=admin-password-for-the-crash-test",
				// signup, login and refresh share one per-IP budget (docs/security.md) that these tests exceed
				"--auth.login.rate-limit-per-minute=100000")
			.directory(this.workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		awaitHealthy(port, log);
		return port;
	}

	private void awaitHealthy(int port, Path log) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.server.isAlive()) {
				fail("The server exited during startup with status " + this.server.exitValue() + ":%n%s",
						Files.readString(log));
			}
			try {
				HttpRequest request = HttpRequest.newBuilder(uri(port, "/actuator/health"))
					.timeout(Duration.ofSeconds(2))
					.build();
				HttpResponse<String> health = this.http.send(request, BodyHandlers.ofString());
				if (health.statusCode() == 200
						&& "UP".equals(this.json.readTree(health.body()).path("status").asString())) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		fail("The server was not healthy within " + STARTUP_TIMEOUT + ":%n%s", Files.readString(log));
	}

	private int kill() throws InterruptedException {
		// destroyForcibly is SIGKILL on Linux: no shutdown hook runs, nothing is flushed or closed
		this.server.destroyForcibly();
		assertThat(this.server.waitFor(10, TimeUnit.SECONDS)).as("the server exited after SIGKILL").isTrue();
		return this.server.exitValue();
	}

	private HttpResponse<String> post(int port, String path, Map<String, String> body)
			throws IOException, InterruptedException {
		return this.http.send(request(port, path, body), BodyHandlers.ofString());
	}

	private HttpRequest request(int port, String path, Map<String, String> body) {
		return HttpRequest.newBuilder(uri(port, path))
			.timeout(REQUEST_TIMEOUT)
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(this.json.writeValueAsString(body)))
			.build();
	}

	private String keyId(String jws) {
		byte[] header = Base64.getUrlDecoder().decode(jws.substring(0, jws.indexOf('.')));
		return this.json.readTree(new String(header, StandardCharsets.UTF_8)).path("kid").asString();
	}

	private static URI uri(int port, String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
