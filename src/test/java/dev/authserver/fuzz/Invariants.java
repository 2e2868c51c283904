package dev.authserver.fuzz;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * What every answer must be, whatever was asked (the endpoint and error tables in the README):
 * never a 5xx; every error an {@code application/problem+json} object with a {@code code} and
 * the HTTP status, with no exception, stack frame or token in it.
 */
final class Invariants {

	/** Shorter fragments of a mutated token could occur in any text by chance. */
	private static final int MIN_SECRET_LENGTH = 16;

	private static final JsonMapper json = JsonMapper.builder().build();

	private Invariants() {
	}

	static void check(SentRequest request, HttpResponse<byte[]> response) {
		int status = response.statusCode();
		String body = new String(response.body(), StandardCharsets.UTF_8);
		String context = "answer " + status + " " + SentRequest.printable(body, 600) + "\n  to " + request;
		assertThat(status).as(context).isLessThan(500);
		String contentType = response.headers().firstValue("Content-Type").orElse("");
		if (status >= 400) {
			assertThat(contentType).as(context).startsWith("application/problem+json");
			if (!"HEAD".equals(request.method())) {
				checkProblem(body, status, context);
				for (String secret : request.secrets()) {
					if (secret.length() >= MIN_SECRET_LENGTH) {
						assertThat(body).as(context).doesNotContain(secret);
					}
				}
			}
		}
		else if (!body.isEmpty() && !context.contains("/actuator/prometheus")) {
			// every response of the API is JSON (Prometheus scrapes are its text format)
			assertThat(contentType).as(context).contains("json");
		}
	}

	private static void checkProblem(String body, int status, String context) {
		JsonNode problem;
		try {
			problem = json.readTree(body);
		}
		catch (JacksonException ex) {
			fail("not JSON: " + context);
			return;
		}
		assertThat(problem.isObject()).as(context).isTrue();
		JsonNode code = problem.get("code");
		assertThat(code != null && code.isString() && !code.stringValue().isEmpty()).as("code in " + context).isTrue();
		JsonNode statusMember = problem.get("status");
		assertThat(statusMember != null && statusMember.isIntegralNumber() && statusMember.canConvertToInt()
				&& statusMember.intValue() == status).as("status in " + context).isTrue();
		assertThat(body).as(context).doesNotContain("Exception").doesNotContain("at dev.");
	}

}
