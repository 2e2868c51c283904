package dev.authserver.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.DefaultCorsProcessor;

/** Spring's CORS checks, refusing a request from a foreign origin with a problem body, not plain text. */
public class ProblemCorsProcessor extends DefaultCorsProcessor {

	private static final byte[] BODY = ("{\"type\":\"urn:auth-server:problem:cors_rejected\",\"title\":\"Origin not allowed\","
			+ "\"status\":403,\"detail\":\"This origin may not call the API\",\"code\":\"cors_rejected\"}")
		.getBytes(StandardCharsets.UTF_8);

	@Override
	protected void rejectRequest(ServerHttpResponse response) throws IOException {
		response.setStatusCode(HttpStatus.FORBIDDEN);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		response.getBody().write(BODY);
		response.flush();
	}

}
