package dev.authserver.attack;

import java.io.UnsupportedEncodingException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import com.jayway.jsonpath.JsonPath;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.authserver.attack.Forgery.Draft;
import dev.authserver.support.Api;
import dev.authserver.support.Api.Tokens;
import dev.authserver.token.TokenForge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Sends forged tokens where a client would (the bearer header of {@code GET /api/me} and
 * {@code GET /api/admin/users}, the body of {@code POST /api/auth/refresh} and
 * {@code /logout}) and checks that each one is refused as RFC 6750 section 3 says: 401,
 * {@code WWW-Authenticate: Bearer realm="api", error="invalid_token"}, a problem body with
 * the code {@code invalid_token}, and nothing of the token echoed back.
 */
final class Attacker {

	static final String REALM = "Bearer realm=\"api\"";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** What an answer may never show: internals, and parts of what the attacker sent. */
	private static final List<String> INTERNALS = List.of("Exception", "jsonwebtoken", "at dev.authserver",
			"jackson", "Caused by");

	private final MockMvcTester mvc;

	private final Api api;

	private final Forgery forgery;

	private Attacker(MockMvcTester mvc, Api api, Forgery forgery) {
		this.mvc = mvc;
		this.api = api;
		this.forgery = forgery;
	}

	static Attacker of(ApplicationContext context) {
		return new Attacker(context.getBean(MockMvcTester.class), context.getBean(Api.class), Forgery.of(context));
	}

	Forgery forgery() {
		return this.forgery;
	}

	/** A new user with a live session: a refresh token the server would rotate. */
	Tokens signup() {
		return this.api.signup();
	}

	MvcTestResult me(String token) {
		return this.mvc.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
	}

	MvcTestResult adminUsers(String token) {
		return this.mvc.get().uri("/api/admin/users").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
	}

	MvcTestResult refresh(String token) {
		return this.api.post("/api/auth/refresh", body(token));
	}

	MvcTestResult logout(String token) {
		return this.api.post("/api/auth/logout", body(token));
	}

	/** The refresh and logout body, escaped properly whatever the token holds. */
	static String body(String token) {
		return JSON.writeValueAsString(Map.of("refresh_token", token));
	}

	/** The control: a token the server accepts on the user and the admin API. */
	void assertAccessAccepted(String token) {
		assertThat(me(token)).hasStatusOk();
		assertThat(adminUsers(token)).hasStatusOk();
	}

	/** Refused with {@code invalid_token} both where any user and where only an admin may go. */
	void assertAccessRejected(String token, String... secrets) {
		assertInvalidToken(me(token), token, secrets);
		assertInvalidToken(adminUsers(token), token, secrets);
	}

	/**
	 * Applies an attack to a real refresh token of a live session, checks that the forgery is
	 * refused, and that the session is untouched by it: its real token still rotates.
	 */
	void assertRefreshAttackFails(Function<Draft, String> attack, String... secrets) {
		Tokens live = signup();
		String forged = attack.apply(this.forgery.refresh(live.refreshToken()));
		assertThat(forged).isNotEqualTo(live.refreshToken());
		assertInvalidToken(refresh(forged), forged, secrets);
		assertThat(refresh(live.refreshToken())).as("the live session after the attack").hasStatusOk();
	}

	/** Runs a request in another thread and fails if it does not answer in time. */
	static <T> T within(Duration timeout, Callable<T> request) {
		ExecutorService executor = Executors.newSingleThreadExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "attack-request");
			// a request stuck on a FIFO cannot be interrupted: let it not hold the JVM open
			thread.setDaemon(true);
			return thread;
		});
		try {
			Future<T> future = executor.submit(request);
			return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			return fail("No answer within " + timeout + ": the server is blocked on something");
		}
		catch (ExecutionException ex) {
			return fail("The request failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return fail("Interrupted", ex);
		}
		finally {
			executor.shutdownNow();
		}
	}

	static void assertInvalidToken(MvcTestResult result, String token, String... secrets) {
		assertThat(result.getUnresolvedException()).as("an exception escaping the server").isNull();
		MockHttpServletResponse response = result.getResponse();
		List<String> headers = new ArrayList<>();
		response.getHeaderNames().forEach((name) -> headers.addAll(response.getHeaders(name)));
		String body;
		try {
			body = response.getContentAsString(StandardCharsets.UTF_8);
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
		assertInvalidToken(new Answer(response.getStatus(), response.getHeaders(HttpHeaders.WWW_AUTHENTICATE),
				response.getContentType(), body, headers), token, secrets);
	}

	static void assertInvalidToken(HttpResponse<String> response, String token, String... secrets) {
		List<String> headers = new ArrayList<>();
		response.headers().map().values().forEach(headers::addAll);
		assertInvalidToken(new Answer(response.statusCode(),
				response.headers().allValues(HttpHeaders.WWW_AUTHENTICATE),
				response.headers().firstValue(HttpHeaders.CONTENT_TYPE).orElse(null), response.body(), headers), token,
				secrets);
	}

	private static void assertInvalidToken(Answer answer, String token, String... secrets) {
		String shown = (token.length() > 120) ? token.substring(0, 120) + "...(" + token.length() + " chars)" : token;
		assertThat(answer.status()).as("status for %s", shown).isEqualTo(401);
		assertThat(answer.challenges()).as("WWW-Authenticate for %s", shown)
			.singleElement()
			.asString()
			.startsWith(REALM)
			.contains("error=\"invalid_token\"");
		assertThat(answer.contentType()).as("content type").isNotNull();
		assertThat(MediaType.parseMediaType(answer.contentType()).isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.as("problem+json, not %s", answer.contentType())
			.isTrue();
		assertThat(JsonPath.<String>read(answer.body(), "$.code")).isEqualTo("invalid_token");
		assertThat(JsonPath.<Integer>read(answer.body(), "$.status")).isEqualTo(401);
		List<String> echoes = new ArrayList<>(List.of(secrets));
		echoes.add(token);
		for (String segment : TokenForge.segments(token)) {
			// a segment this long cannot turn up in our fixed texts by chance
			if (segment.strip().length() >= 8) {
				echoes.add(segment.strip());
			}
		}
		String everything = answer.body() + "\n" + String.join("\n", answer.headers());
		for (String echo : echoes) {
			if (!echo.isEmpty()) {
				assertThat(everything).as("the answer echoes what was sent").doesNotContain(echo);
			}
		}
		for (String internal : INTERNALS) {
			assertThat(everything).as("the answer shows internals").doesNotContainIgnoringCase(internal);
		}
	}

	private record Answer(int status, List<String> challenges, String contentType, String body, List<String> headers) {
	}

}
