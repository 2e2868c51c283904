package dev.authserver.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors over real HTTP, including those raised before Spring MVC and the container's
 * error dispatch: every one is problem+json with a {@code code} and shows no internals.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ErrorResponsesTest {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void unknownPathThenNotFound() throws Exception {
		assertProblem(send(get("/does-not-exist")), 404, "not_found");
		assertProblem(send(get("/api/does-not-exist")), 404, "not_found");
	}

	@Test
	void wrongMethodThenMethodNotAllowed() throws Exception {
		HttpResponse<String> response = send(get("/api/auth/login"));
		assertProblem(response, 405, "method_not_allowed");
		assertThat(response.headers().firstValue("Allow")).hasValue("POST");
	}

	@Test
	void wrongMediaTypeThenUnsupportedMediaType() throws Exception {
		assertProblem(send(post("/api/auth/login", "text/plain", "username=a")), 415, "unsupported_media_type");
		assertProblem(send(post("/api/auth/login", "application/x-www-form-urlencoded", "username=a")), 415,
				"unsupported_media_type");
	}

	@Test
	void multipartBodyThenUnsupportedMediaTypeNotServerError() throws Exception {
		// a multipart body that cannot be parsed (here: no boundary) must not reach a multipart
		// resolver, which would fail on it before any mapping and answer with a 500
		assertProblem(send(post("/api/auth/signup", "multipart/form-data", "{")), 415, "unsupported_media_type");
		assertProblem(send(post("/api/auth/login", "multipart/form-data; boundary=b",
				"--b\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\na\r\n--b--\r\n")), 415,
				"unsupported_media_type");
		HttpResponse<String> wrongMethod = send(HttpRequest.newBuilder(uri("/api/auth/signup"))
			.header("Content-Type", "multipart/form-data")
			.GET()
			.build());
		assertProblem(wrongMethod, 405, "method_not_allowed");
	}

	@Test
	void wildcardContentTypeOnBearerEndpointsThenUnsupportedMediaTypeNotServerError() throws Exception {
		// Content-Type */* on an endpoint that reads a body would fail while the headers are read,
		// and answer with a 500
		String admin = login("admin", "admin-password-for-tests");
		for (String path : new String[] { "/api/admin/users/nobody/roles", "/api/admin/users/nobody/enabled",
				"/api/me/password" }) {
			HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path))
				.header("Authorization", "Bearer " + admin)
				.header("Content-Type", "*/*")
				.PUT(BodyPublishers.ofString("{\"roles\":[]}"))
				.build());
			assertProblem(response, 415, "unsupported_media_type");
		}
	}

	@Test
	void wildcardContentTypeAnywhereThenUnsupportedMediaTypeNotServerError() throws Exception {
		// actuator's health handler reads an optional body, and under a Content-Type of */* that
		// would fail with a 500 too
		for (String type : new String[] { "*/*", "application/*", "application/*+json" }) {
			assertProblem(send(HttpRequest.newBuilder(uri("/actuator/health")).header("Content-Type", type).GET().build()),
					415, "unsupported_media_type");
			assertProblem(send(post("/api/auth/login", type, "{}")), 415, "unsupported_media_type");
		}
	}

	@Test
	void formBodyThatCannotBeDecodedThenUnsupportedMediaTypeNotServerError() throws Exception {
		// a PUT with a form content type must not be decoded by a filter before any mapping, where
		// a stray % in it would answer with a 500
		String user = login("admin", "admin-password-for-tests");
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/me/password"))
			.header("Authorization", "Bearer " + user)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.PUT(BodyPublishers.ofString("current_password=%&new_password=x"))
			.build());
		assertProblem(response, 415, "unsupported_media_type");
	}

	@Test
	void unreadableJsonThenMalformedRequest() throws Exception {
		for (String body : new String[] { "{", "", "[1,2]", "\"text\"", "{\"username\":{\"a\":1},\"password\":\"x\"}",
				"null" }) {
			HttpResponse<String> response = send(post("/api/auth/login", "application/json", body));
			assertThat(response.statusCode()).as(body).isEqualTo(400);
			assertThat(JsonPath.<String>read(response.body(), "$.code")).as(body)
				.isIn("malformed_request", "validation_failed");
		}
		assertProblem(send(post("/api/auth/signup", "application/json", "{\"username\":")), 400,
				"malformed_request");
	}

	@Test
	void firewallRejectionThenBadRequestNotUnauthorized() throws Exception {
		// Spring Security's firewall refuses an encoded dot; its error dispatch must keep the 400
		HttpResponse<String> response = send(get("/api/me/%2e%2e/admin/users"));
		assertProblem(response, 400, "invalid_request");
	}

	@Test
	void queryParameterRefusedWhenReadThenBadRequestNotServerError() throws Exception {
		// both are refused only when a handler reads the parameters: bad input, not an unexpected
		// error for the catch-all to answer with a 500
		// Tomcat 11 refuses a parameter without a name
		assertProblem(send(get("/actuator/health?=x")), 400, "invalid_request");
		// Spring Security's firewall refuses a parameter name with a control character (U+0085)
		assertProblem(send(get("/actuator/health?a%C2%85=1")), 400, "invalid_request");
	}

	@Test
	void requestRejectedByContainerThenStillProblemJson() throws Exception {
		// a raw request Tomcat refuses before any servlet sees it: a control character in the path
		String raw = rawRequest("GET /api/me/\u007f HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(raw).startsWith("HTTP/1.1 400");
		assertThat(raw).containsIgnoringCase("Content-Type: application/problem+json")
			.contains("\"code\":\"invalid_request\"")
			.doesNotContain("<html")
			.doesNotContain("Tomcat");
	}

	@Test
	void headersOverTheContainerLimitThenRequestHeaderFieldsTooLarge() throws Exception {
		for (String header : new String[] { "X-Padding: " + "a".repeat(20_000),
				"Authorization: Bearer " + "a".repeat(40_000) }) {
			String raw = rawRequest("GET /api/me HTTP/1.1\r\nHost: localhost\r\n" + header
					+ "\r\nConnection: close\r\n\r\n");
			assertThat(raw).startsWith("HTTP/1.1 431");
			assertThat(raw).containsIgnoringCase("X-Content-Type-Options: nosniff");
			assertThat(raw).containsIgnoringCase("Content-Type: application/problem+json")
				.contains("\"code\":\"headers_too_large\"");
		}
	}

	@Test
	void headersOverTheContainerLimitThenConnectionCloseAnnounced() throws Exception {
		// the server closes the connection after a 431, and a client not told so would send its
		// next request on it and get no answer at all
		String raw = rawRequest("GET /api/me HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + "a".repeat(20_000)
				+ "\r\n\r\n");
		assertThat(raw).startsWith("HTTP/1.1 431");
		assertThat(raw.substring(0, raw.indexOf("\r\n\r\n"))).containsIgnoringCase("\r\nConnection: close");
	}

	@Test
	void authorizationHeaderOverEightKibibytesThenInvalidToken() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/me"))
			.header("Authorization", "Bearer " + "a".repeat(9_000) + ".b.c")
			.GET()
			.build());
		assertProblem(response, 401, "invalid_token");
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).contains("error=\"invalid_token\""));
	}

	@Test
	void bodyOverSixtyFourKibibytesThenPayloadTooLarge() throws Exception {
		String big = "{\"username\":\"" + "a".repeat(70_000) + "\",\"password\":\"x\"}";
		assertProblem(send(post("/api/auth/login", "application/json", big)), 413, "payload_too_large");
		// without a Content-Length: the body comes in chunks and is cut off while read
		HttpRequest chunked = HttpRequest.newBuilder(uri("/api/auth/signup"))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
			.build();
		assertProblem(send(chunked), 413, "payload_too_large");
	}

	@Test
	void jsonNestedDeepOrHugeNumbersThenMalformedRequest() throws Exception {
		String deep = "{\"username\":" + "[".repeat(100) + "]".repeat(100) + ",\"password\":\"x\"}";
		assertProblem(send(post("/api/auth/login", "application/json", deep)), 400, "malformed_request");
		String huge = "{\"username\":\"a\",\"password\":\"x\",\"n\":" + "9".repeat(5_000) + "}";
		assertProblem(send(post("/api/auth/login", "application/json", huge)), 400, "malformed_request");
	}

	@Test
	void successThenNoSniffAndNoServerVersion() throws Exception {
		HttpResponse<String> response = send(get("/actuator/health"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.headers().firstValue("Server")).isEmpty();
	}

	@Test
	void anyErrorThenNoServerVersionAndNoSniff() throws Exception {
		HttpResponse<String> response = send(get("/api/me"));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Server")).isEmpty();
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
	}

	@Test
	void healthWhenNoTokenThenUp() throws Exception {
		HttpResponse<String> response = send(get("/actuator/health"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<String>read(response.body(), "$.status")).isEqualTo("UP");
		assertThat(response.body()).doesNotContain("components").doesNotContain("details");
	}

	@Test
	void unknownHealthComponentThenNotFoundProblem() throws Exception {
		// actuator answers this 404 with no body and no content type of its own
		assertProblem(send(get("/actuator/health/extra")), 404, "not_found");
	}

	@Test
	void otherActuatorEndpointsWhenNoTokenThenUnauthorized() throws Exception {
		assertThat(send(get("/actuator/env")).statusCode()).isIn(401, 404);
		assertThat(send(get("/actuator/beans")).statusCode()).isIn(401, 404);
	}

	private void assertProblem(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(JsonPath.<String>read(response.body(), "$.code")).isEqualTo(code);
		assertThat(JsonPath.<Integer>read(response.body(), "$.status")).isEqualTo(status);
		assertThat(JsonPath.<String>read(response.body(), "$.title")).isNotBlank();
		assertThat(response.body()).doesNotContainIgnoringCase("exception")
			.doesNotContain("trace")
			.doesNotContain("at dev.authserver");
	}

	private String login(String username, String password) throws IOException, InterruptedException {
		HttpResponse<String> response = send(post("/api/auth/login", "application/json",
				"{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"));
		assertThat(response.statusCode()).isEqualTo(200);
		return JsonPath.read(response.body(), "$.access_token");
	}

	private HttpRequest get(String path) {
		return HttpRequest.newBuilder(uri(path)).GET().build();
	}

	private HttpRequest post(String path, String contentType, String body) {
		return HttpRequest.newBuilder(uri(path))
			.header("Content-Type", contentType)
			.POST(BodyPublishers.ofString(body))
			.build();
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, BodyHandlers.ofString());
	}

	private String rawRequest(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

}
