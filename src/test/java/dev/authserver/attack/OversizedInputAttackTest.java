package dev.authserver.attack;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

import dev.authserver.attack.Forgery.Draft;
import dev.authserver.token.TokenForge;

import static dev.authserver.attack.Forgery.str;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/tokens.md, docs/security.md and RFC 8725 section 3.11, over real HTTP so that Tomcat's
 * own limits take part: a token over 8 KiB, or holding deep nesting, huge numbers or too many
 * segments, is refused with 401 even when our key signed it; JSON bodies that are too big,
 * too deep or hold absurd values are refused with 4xx. Nothing gives a 5xx.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OversizedInputAttackTest {

	private static final int MAX_TOKEN = 8 * 1024;

	private static final Duration PROMPTLY = Duration.ofSeconds(1);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	private Forgery forgery;

	@BeforeEach
	void setUp(ApplicationContext context) {
		this.forgery = Forgery.of(context);
	}

	@Test
	void meWhenTokenExactly8KiBThenAccepted() throws Exception {
		// the control: the limit itself is fine, so the refusals below are the size rule's
		String token = ofLength(MAX_TOKEN);

		assertThat(me(token).statusCode()).isEqualTo(200);
		assertThat(adminUsers(token).statusCode()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(ints = { MAX_TOKEN + 1, MAX_TOKEN + 4, 10_000, 15_000 })
	void meWhenTokenOver8KiBThenInvalidToken(int length) throws Exception {
		String token = ofLength(length);

		assertRejected(token);
	}

	@Test
	void refreshWhenTokenOver8KiBThenInvalidToken() throws Exception {
		String token = this.forgery.access().claim("filler", str("x".repeat(20_000))).signed();

		Attacker.assertInvalidToken(post("/api/auth/refresh", Attacker.body(token)), token);
		Attacker.assertInvalidToken(post("/api/auth/logout", Attacker.body(token)), token);
	}

	@Test
	void meWhenAuthorizationOverTheHeaderLimitThenHeadersTooLargeNeverServerError() throws Exception {
		// past 16 KB Tomcat refuses the headers before any of our code runs: RFC 6585 section 5
		String token = this.forgery.access().claim("filler", str("x".repeat(30_000))).signed();

		HttpResponse<String> response = me(token);

		assertProblem(response, 431, "headers_too_large");
		assertThat(response.body()).doesNotContain(TokenForge.segments(token)[1].substring(0, 40));
	}

	@Test
	void meWhenModestNestingAndNumbersSignedWithOurKeyThenAccepted() throws Exception {
		// the control: a claim nested a few levels, a number of twenty digits, go through
		String token = this.forgery.access()
			.header("x", "[".repeat(8) + "]".repeat(8))
			.claim("x", "{\"a\":".repeat(8) + "1" + "}".repeat(8))
			.claim("n", "9".repeat(20))
			.signed();

		assertThat(me(token).statusCode()).isEqualTo(200);
	}

	@ParameterizedTest
	@CsvSource({ "header, [, ], 17", "header, [, ], 100", "header, [, ], 499", "header, [, ], MAX",
			"header, {\"a\":, }, 100", "header, {\"a\":, }, MAX", "payload, [, ], 17", "payload, [, ], 100",
			"payload, [, ], 499", "payload, [, ], MAX", "payload, {\"a\":, }, 100", "payload, {\"a\":, }, MAX",
			"payload, [{\"a\":, }], MAX" })
	void meWhenDeeplyNestedJsonSignedWithOurKeyThenInvalidTokenPromptly(String where, String open, String close,
			String depth) throws Exception {
		// beyond the small bound request bodies have (docs/security.md), up to as deep as fits in 8 KiB
		Draft draft = this.forgery.access();
		boolean header = where.equals("header");
		int levels = depth.equals("MAX") ? (header ? 5200 : 4800) / (open.length() + close.length())
				: Integer.parseInt(depth);
		String nested = open.repeat(levels) + (open.endsWith(":") ? "1" : "") + close.repeat(levels);
		String token = header ? draft.header("x", nested).signed() : draft.claim("x", nested).signed();
		assertThat(token.length()).isLessThanOrEqualTo(MAX_TOKEN);

		assertRejectedPromptly(token);
	}

	@ParameterizedTest
	@CsvSource({ "exp, 40", "exp, 5000", "iat, 5000", "nbf, 5000", "custom, 40", "custom, 1000", "custom, 5000",
			"roles, 5000", "header, 1000", "exp-fraction, 5000", "exp-negative, 5000", "exp-exponent, 0" })
	void meWhenHugeNumberInClaimsSignedWithOurKeyThenInvalidTokenPromptly(String where, int length)
			throws Exception {
		Draft draft = this.forgery.access();
		String digits = "9".repeat(length);
		switch (where) {
			case "exp", "iat", "nbf" -> draft.claim(where, digits);
			case "custom" -> draft.claim("n", digits);
			case "roles" -> draft.claim("roles", "[\"USER\",\"ADMIN\"," + digits + "]");
			case "header" -> draft.header("n", digits);
			case "exp-fraction" -> draft.claim("exp", draft.claim("exp") + "." + "0".repeat(length));
			case "exp-negative" -> draft.claim("exp", "-" + digits);
			case "exp-exponent" -> draft.claim("exp", "1e999999999");
			default -> throw new IllegalArgumentException(where);
		}
		String token = draft.signed();
		assertThat(token.length()).isLessThanOrEqualTo(MAX_TOKEN);

		assertRejectedPromptly(token);
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 4, 5, 6, 100, 2000 })
	void meWhenWrongNumberOfSegmentsThenInvalidToken(int count) throws Exception {
		String[] parts = TokenForge.segments(this.forgery.access().signed());
		StringBuilder token = new StringBuilder(parts[0]);
		for (int i = 1; i < count; i++) {
			token.append('.').append((i < 3) ? parts[i] : (count > 6) ? "" : parts[i % 3]);
		}

		assertRejectedPromptly(token.toString());
		Attacker.assertInvalidToken(post("/api/auth/refresh", Attacker.body(token.toString())), token.toString());
	}

	@Test
	void meWhenOnlyDotsThenInvalidToken() throws Exception {
		assertRejectedPromptly(".".repeat(8000));
		assertRejectedPromptly("..");
	}

	// the JSON API

	@ParameterizedTest
	@ValueSource(strings = { "/api/auth/login", "/api/auth/signup", "/api/auth/refresh", "/api/auth/logout" })
	void postWhenBodyOver64KiBThenPayloadTooLarge(String path) throws Exception {
		String body = "{\"username\":\"" + "a".repeat(70_000) + "\",\"password\":\"x\",\"refresh_token\":\"x\"}";

		assertProblem(post(path, BodyPublishers.ofString(body)), 413, "payload_too_large");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/auth/login", "/api/auth/refresh" })
	void postWhenChunkedBodyOver64KiBThenPayloadTooLarge(String path) throws Exception {
		// no Content-Length: the limit must hold while reading
		byte[] body = ("{\"username\":\"" + "a".repeat(70_000) + "\",\"password\":\"x\"}").getBytes(StandardCharsets.UTF_8);

		assertProblem(post(path, BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))), 413,
				"payload_too_large");
	}

	@Test
	void loginWhenOneMegabyteStringFieldThenPayloadTooLarge() throws Exception {
		String body = "{\"username\":\"admin\",\"password\":\"" + "p".repeat(1024 * 1024) + "\"}";

		HttpResponse<String> response = post("/api/auth/login", BodyPublishers.ofString(body));

		assertThat(response.statusCode()).isIn(400, 413);
		assertProblem(response, response.statusCode(), (response.statusCode() == 413) ? "payload_too_large"
				: "malformed_request");
	}

	@Test
	void loginWhenStringFieldJustUnderTheBodyLimitThenClientErrorNeverServerError() throws Exception {
		String body = "{\"username\":\"" + "u".repeat(60_000) + "\",\"password\":\"" + "p".repeat(4_000) + "\"}";

		HttpResponse<String> response = post("/api/auth/login", BodyPublishers.ofString(body));

		assertThat(response.statusCode()).isBetween(400, 499);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
	}

	@ParameterizedTest
	@ValueSource(ints = { 17, 100, 5000 })
	void loginWhenJsonNestedDeepThenMalformedRequest(int depth) throws Exception {
		String body = "{\"username\":\"admin\",\"password\":\"x\",\"extra\":" + "[".repeat(depth) + "]".repeat(depth) + "}";

		assertProblem(post("/api/auth/login", BodyPublishers.ofString(body)), 400, "malformed_request");
	}

	@Test
	void loginWhenObjectsNestedDeepThenMalformedRequest() throws Exception {
		String body = "{\"username\":\"admin\",\"password\":\"x\",\"extra\":" + "{\"a\":".repeat(100) + "1"
				+ "}".repeat(100) + "}";

		assertProblem(post("/api/auth/login", BodyPublishers.ofString(body)), 400, "malformed_request");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/auth/login", "/api/auth/signup", "/api/auth/refresh" })
	void postWhenNumberWith5000DigitsThenMalformedRequest(String path) throws Exception {
		String body = "{\"username\":\"admin\",\"password\":\"x\",\"refresh_token\":\"x\",\"n\":" + "9".repeat(5000) + "}";

		assertProblem(post(path, BodyPublishers.ofString(body)), 400, "malformed_request");
	}

	@Test
	void loginWhenNumberWithHugeExponentOrLongFractionThenNeverServerError() throws Exception {
		for (String number : new String[] { "1e999999999", "1e-999999999", "0." + "0".repeat(5000) + "1" }) {
			String body = "{\"username\":\"admin\",\"password\":\"x\",\"n\":" + number + "}";

			HttpResponse<String> response = post("/api/auth/login", BodyPublishers.ofString(body));

			assertThat(response.statusCode()).as(number.substring(0, Math.min(12, number.length()))).isBetween(400, 499);
		}
	}

	@Test
	void loginWhenLongFieldNameThenMalformedRequest() throws Exception {
		String body = "{\"" + "n".repeat(10_000) + "\":1,\"username\":\"admin\",\"password\":\"x\"}";

		assertProblem(post("/api/auth/login", BodyPublishers.ofString(body)), 400, "malformed_request");
	}

	// helpers

	private void assertRejected(String token) throws Exception {
		Attacker.assertInvalidToken(me(token), token);
		Attacker.assertInvalidToken(adminUsers(token), token);
	}

	private void assertRejectedPromptly(String token) throws Exception {
		long start = System.nanoTime();
		assertRejected(token);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time for two refusals")
			.isLessThan(PROMPTLY.multipliedBy(2));
	}

	private static void assertProblem(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(JsonPath.<String>read(response.body(), "$.code")).isEqualTo(code);
		assertThat(response.body()).doesNotContainIgnoringCase("exception").doesNotContain("at dev.authserver");
	}

	/** A token the server would accept but for its length, of exactly {@code length} characters. */
	private String ofLength(int length) {
		for (int spaces = 0; spaces < 4; spaces++) {
			Draft draft = this.forgery.access();
			String header = TokenForge.encode("{" + " ".repeat(spaces) + draft.headerJson().substring(1));
			for (int filler = Math.max(0, length * 3 / 4 - 450);; filler++) {
				draft.claim("filler", str("x".repeat(filler)));
				String token = draft.signedSegments(header, TokenForge.encode(draft.claimsJson()));
				if (token.length() == length) {
					return token;
				}
				if (token.length() > length) {
					break;
				}
			}
		}
		throw new IllegalStateException("No token of length " + length);
	}

	private HttpResponse<String> me(String token) throws IOException, InterruptedException {
		return get("/api/me", token);
	}

	private HttpResponse<String> adminUsers(String token) throws IOException, InterruptedException {
		return get("/api/admin/users", token);
	}

	private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri(path))
			.header("Authorization", "Bearer " + token)
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build(), BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
		return post(path, BodyPublishers.ofString(json));
	}

	private HttpResponse<String> post(String path, BodyPublisher body) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(10))
			.POST(body)
			.build(), BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
