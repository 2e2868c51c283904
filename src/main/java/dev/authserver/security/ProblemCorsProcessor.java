package dev.authserver.security;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.DefaultCorsProcessor;

import dev.authserver.problem.ApiProblem;
import dev.authserver.problem.ProblemResponseWriter;

/** Spring's CORS checks, refusing a request from a foreign origin with a problem body, not plain text. */
public class ProblemCorsProcessor extends DefaultCorsProcessor {

	private static final byte[] BODY = ProblemResponseWriter
		.toJson(ApiProblem.CORS_REJECTED.toProblemDetail("This origin may not call the API"));

	@Override
	protected void rejectRequest(ServerHttpResponse response) throws IOException {
		response.setStatusCode(HttpStatus.FORBIDDEN);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		response.getBody().write(BODY);
		response.flush();
	}

}
