package dev.authserver.events;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import dev.authserver.support.Api;
import dev.authserver.support.Instances;
import dev.authserver.token.ServerKeys;
import dev.authserver.token.SigningKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event feed over real HTTP (docs/revocation.md): a queue per service client, SETs signed
 * as access tokens are, one event per ended session or per revocation of all of a user's
 * tokens, acknowledgement and redelivery, the long poll, and its answers to bad input.
 */
class EventFeedTest {

	static final String SESSION_REVOKED = "https://schemas.openid.net/secevent/caep/event-type/session-revoked";

	private static final String ORDERS = Instances.basic("orders", "orders-secret-for-tests");

	private static final String BILLING = Instances.basic("billing", "billing-secret-for-tests");

	private static ConfigurableApplicationContext server;

	@BeforeAll
	static void start() throws Exception {
		server = Instances.start(List.of("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"auth.services[0].id=orders", "auth.services[0].secret=orders-secret-for-tests",
				"auth.services[1].id=billing", "auth.services[1].secret=billing-secret-for-tests",
				"auth.events.max-wait=2s"));
		// each test starts with empty queues
		drain(ORDERS);
		drain(BILLING);
	}

	@AfterAll
	static void stop() {
		Instances.close(server);
	}

	@Test
	void pollWhenLogoutThenOneSignedSetNamingTheSessionUntilAcknowledged() throws Exception {
		drain(ORDERS);
		String signup = signup();
		String access = JsonPath.read(signup, "$.access_token");
		logout(signup);

		String first = poll(ORDERS, "{\"returnImmediately\":true}");
		Map<String, String> sets = JsonPath.read(first, "$.sets");
		assertThat(sets).hasSize(1);
		assertThat((Boolean) JsonPath.read(first, "$.moreAvailable")).isFalse();
		String jti = sets.keySet().iterator().next();
		Jws<Claims> set = verify(sets.get(jti));
		assertThat(set.getHeader().getType()).isEqualTo("secevent+jwt");
		assertThat(set.getHeader().getAlgorithm()).isEqualTo("HS256");
		assertThat(set.getHeader().getKeyId()).isNotBlank();
		Claims claims = set.getPayload();
		assertThat(claims.getIssuer()).isEqualTo("auth-server");
		assertThat(claims.getAudience()).containsExactly("orders");
		assertThat(claims.getId()).isEqualTo(jti);
		assertThat(claims.getIssuedAt()).isNotNull();
		Map<String, Object> subject = Map.of("format", "opaque", "id", sessionText(access));
		assertThat(claims.get("sub_id")).isEqualTo(subject);
		Map<String, Map<String, Object>> events = claims.get("events", Map.class);
		assertThat(events).containsOnlyKeys(SESSION_REVOKED);
		assertThat(events.get(SESSION_REVOKED)).containsEntry("subject", subject).containsKey("event_timestamp");
		long eventTime = ((Number) events.get(SESSION_REVOKED).get("event_timestamp")).longValue();
		assertThat(eventTime).isGreaterThanOrEqualTo(((Number) JsonPath.read(payload(access), "$.iat")).longValue());

		// not acknowledged: delivered again; acknowledged: never again, for this receiver only
		assertThat((Map<String, String>) JsonPath.read(poll(ORDERS, "{\"returnImmediately\":true}"), "$.sets"))
			.containsOnlyKeys(jti);
		assertThat((Map<String, String>) JsonPath.read(
				poll(ORDERS, "{\"ack\":[\"" + jti + "\"],\"returnImmediately\":true}"), "$.sets")).isEmpty();
		Map<String, String> billing = JsonPath.read(poll(BILLING, "{\"returnImmediately\":true}"), "$.sets");
		assertThat(billing).containsKey(jti);
		assertThat(verify(billing.get(jti)).getPayload().getAudience()).containsExactly("billing");
		drain(BILLING);
	}

	@Test
	void pollWhenLogoutEverywhereThenOneEventForTheUserAndNoneForItsSessions() throws Exception {
		drain(ORDERS);
		String signup = signup();
		String access = JsonPath.read(signup, "$.access_token");
		String userId = JsonPath.read(payload(access), "$.sub");
		login(JsonPath.read(payload(access), "$.preferred_username"));
		assertThat(Instances.post(server, "/api/auth/logout-all", access, null).statusCode()).isEqualTo(204);

		Map<String, String> sets = JsonPath.read(poll(ORDERS, "{\"returnImmediately\":true}"), "$.sets");
		assertThat(sets).hasSize(1);
		Claims claims = verify(sets.values().iterator().next()).getPayload();
		assertThat(claims.get("sub_id")).isEqualTo(Map.of("format", "iss_sub", "iss", "auth-server", "sub", userId));
		drain(ORDERS);
	}

	@Test
	void pollWhenEachKindOfRevocationThenOneEventAboutItsSessionOrItsUser() throws Exception {
		String admin = JsonPath.read(Instances.post(server, "/api/auth/login", null,
				"{\"username\":\"admin\",\"password\":\"admin-password-for-tests\"}").body(), "$.access_token");
		drain(ORDERS);

		String ended = signup();
		String endedAccess = JsonPath.read(ended, "$.access_token");
		String sessionId = JsonPath.read(Instances.get(server, "/api/me/sessions", endedAccess).body(), "$.content[0].id");
		assertThat(Instances.delete(server, "/api/me/sessions/" + sessionId, endedAccess).statusCode()).isEqualTo(204);
		assertThat(onlyEventSubject()).isEqualTo(Map.of("format", "opaque", "id", sessionText(endedAccess)));

		String reused = signup();
		String reusedRefresh = JsonPath.read(reused, "$.refresh_token");
		refresh(reusedRefresh, 200);
		Thread.sleep(5500);
		refresh(reusedRefresh, 401);
		assertThat(onlyEventSubject()).isEqualTo(Map.of("format", "opaque", "id", sessionText(JsonPath.read(reused, "$.access_token"))));

		String revoked = signup();
		String revokedAccess = JsonPath.read(revoked, "$.access_token");
		assertThat(Instances.postForm(server, "/api/auth/revoke", null, "token=" + revokedAccess).statusCode()).isEqualTo(200);
		assertThat(onlyEventSubject()).isEqualTo(Map.of("format", "opaque", "id", sessionText(revokedAccess)));

		String user = signup();
		String access = JsonPath.read(user, "$.access_token");
		String userId = JsonPath.read(payload(access), "$.sub");
		String username = JsonPath.read(payload(access), "$.preferred_username");
		Map<String, Object> wholeUser = Map.of("format", "iss_sub", "iss", "auth-server", "sub", userId);
		assertThat(Instances.put(server, "/api/me/password", access,
				"{\"current_password\":\"" + Api.PASSWORD + "\",\"new_password\":\"a brand new passphrase\"}")
			.statusCode()).isEqualTo(204);
		assertThat(onlyEventSubject()).isEqualTo(wholeUser);
		assertThat(Instances.put(server, "/api/admin/users/" + username + "/roles", admin, "{\"roles\":[\"USER\",\"AUDITOR\"]}")
			.statusCode()).isEqualTo(200);
		assertThat(onlyEventSubject()).isEqualTo(wholeUser);
		assertThat(Instances.put(server, "/api/admin/users/" + username + "/enabled", admin, "{\"enabled\":false}")
			.statusCode()).isEqualTo(200);
		assertThat(onlyEventSubject()).isEqualTo(wholeUser);
	}

	/** The subject of the one event pending for orders, which is then acknowledged. */
	private static Object onlyEventSubject() throws Exception {
		Map<String, String> sets = JsonPath.read(poll(ORDERS, "{\"returnImmediately\":true}"), "$.sets");
		assertThat(sets).hasSize(1);
		Map.Entry<String, String> set = sets.entrySet().iterator().next();
		poll(ORDERS, "{\"ack\":[\"" + set.getKey() + "\"],\"maxEvents\":0}");
		return verify(set.getValue()).getPayload().get("sub_id");
	}

	private static void refresh(String refreshToken, int status) throws Exception {
		assertThat(Instances.post(server, "/api/auth/refresh", null, "{\"refresh_token\":\"" + refreshToken + "\"}")
			.statusCode()).isEqualTo(status);
	}

	@Test
	void pollWhenMaxEventsThenThatManyAndMoreAvailable() throws Exception {
		drain(ORDERS);
		for (int i = 0; i < 3; i++) {
			logout(signup());
		}
		String answer = poll(ORDERS, "{\"maxEvents\":2,\"returnImmediately\":true}");
		assertThat((Map<String, String>) JsonPath.read(answer, "$.sets")).hasSize(2);
		assertThat((Boolean) JsonPath.read(answer, "$.moreAvailable")).isTrue();
		String onlyAck = poll(ORDERS, "{\"maxEvents\":0}");
		assertThat((Map<String, String>) JsonPath.read(onlyAck, "$.sets")).isEmpty();
		assertThat((Boolean) JsonPath.read(onlyAck, "$.moreAvailable")).isTrue();
		drain(ORDERS);
	}

	@Test
	void pollWhenWaitingThenAnsweredSoonAfterAnEventOrEmptyAtMaxWait() throws Exception {
		drain(ORDERS);
		long begun = System.nanoTime();
		assertThat((Map<String, String>) JsonPath.read(poll(ORDERS, "{}"), "$.sets")).isEmpty();
		long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun);
		assertThat(waitedMillis).isBetween(1800L, 5000L);

		String signup = signup();
		CompletableFuture<Long> answeredAt = CompletableFuture.supplyAsync(() -> {
			try {
				String answer = poll(ORDERS, "{}");
				assertThat((Map<String, String>) JsonPath.read(answer, "$.sets")).hasSize(1);
				return System.nanoTime();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		Thread.sleep(500);
		logout(signup);
		long loggedOutAt = System.nanoTime();
		long delayMillis = TimeUnit.NANOSECONDS.toMillis(answeredAt.get(5, TimeUnit.SECONDS) - loggedOutAt);
		System.out.println("Long poll answered " + delayMillis + " ms after the logout's answer");
		assertThat(delayMillis).isLessThan(1000);
		drain(ORDERS);
	}

	@Test
	void pollWhenNoOrWrongCredentialThen401InvalidClientWithBasicChallenge() throws Exception {
		for (String authorization : new String[] { null, Instances.basic("orders", "wrong-secret-of-16ch"),
				Instances.basic("nobody", "orders-secret-for-tests"), "Bearer abc" }) {
			HttpResponse<String> response = post(authorization, "{\"returnImmediately\":true}", "application/json");
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"api\"");
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat((String) JsonPath.read(response.body(), "$.code")).isEqualTo("invalid_client");
		}
	}

	@Test
	void pollWhenBadInputThen4xxProblemAndNothingAcknowledged() throws Exception {
		drain(ORDERS);
		logout(signup());
		Map<String, Integer> statuses = Map.of("{", 400, "[]", 400, "{\"maxEvents\":-1}", 400,
				"{\"maxEvents\":\"many\"}", 400, "{\"ack\":\"1\"}", 400, "{\"returnImmediately\":\"no\"}", 400);
		for (Map.Entry<String, Integer> bad : statuses.entrySet()) {
			HttpResponse<String> response = post(ORDERS, bad.getKey(), "application/json");
			assertThat(response.statusCode()).as(bad.getKey()).isEqualTo(bad.getValue());
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}
		assertThat(post(ORDERS, "ack=1", "application/x-www-form-urlencoded").statusCode()).isEqualTo(415);
		// unknown and foreign jtis are passed over
		assertThat((Map<String, String>) JsonPath.read(
				poll(ORDERS, "{\"ack\":[\"x\",\"99999999\",\"-1\",\"" + "9".repeat(40) + "\"],\"returnImmediately\":true}"),
				"$.sets")).hasSize(1);
		drain(ORDERS);
	}

	/** The first 22 characters of an access token's {@code jti}: its session. */
	static String sessionText(String accessToken) throws Exception {
		return JsonPath.<String>read(payload(accessToken), "$.jti").substring(0, 22);
	}

	static String payload(String jwt) {
		return new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
				java.nio.charset.StandardCharsets.UTF_8);
	}

	private static Jws<Claims> verify(String set) {
		SigningKeys keys = server.getBean(SigningKeys.class);
		return Jwts.parser()
			.verifyWith((javax.crypto.SecretKey) ServerKeys.accessVerificationKey(keys))
			.build()
			.parseSignedClaims(set);
	}

	private static String signup() throws Exception {
		HttpResponse<String> response = Instances.post(server, "/api/auth/signup", null,
				"{\"username\":\"" + Api.uniqueUsername() + "\",\"password\":\"" + Api.PASSWORD + "\"}");
		assertThat(response.statusCode()).isEqualTo(201);
		return response.body();
	}

	private static void login(String username) throws Exception {
		assertThat(Instances.post(server, "/api/auth/login", null,
				"{\"username\":\"" + username + "\",\"password\":\"" + Api.PASSWORD + "\"}").statusCode())
			.isEqualTo(200);
	}

	private static void logout(String signup) throws Exception {
		assertThat(Instances.post(server, "/api/auth/logout", null,
				"{\"refresh_token\":\"" + JsonPath.read(signup, "$.refresh_token") + "\"}").statusCode())
			.isEqualTo(204);
	}

	/** Acknowledges everything pending for the receiver. */
	static void drain(String authorization) throws Exception {
		List<String> ack = new ArrayList<>();
		while (true) {
			String answer = poll(authorization, "{\"ack\":" + json(ack) + ",\"returnImmediately\":true,\"maxEvents\":1000}");
			Map<String, String> sets = JsonPath.read(answer, "$.sets");
			if (sets.isEmpty()) {
				return;
			}
			ack = new ArrayList<>(sets.keySet());
		}
	}

	private static String json(List<String> strings) {
		return strings.stream().map((s) -> "\"" + s + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
	}

	static String poll(String authorization, String json) throws Exception {
		HttpResponse<String> response = post(authorization, json, "application/json");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		return response.body();
	}

	private static HttpResponse<String> post(String authorization, String body, String contentType) throws Exception {
		java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest
			.newBuilder(Instances.uri(server, "/api/events/poll"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", contentType)
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return java.net.http.HttpClient.newHttpClient().send(request.build(),
				java.net.http.HttpResponse.BodyHandlers.ofString());
	}

}
