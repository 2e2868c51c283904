package dev.authserver.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

import dev.authserver.audit.SecurityEvents;
import dev.authserver.bearer.BearerTokenException;
import dev.authserver.problem.ApiProblem;
import dev.authserver.problem.BearerChallenge;
import dev.authserver.problem.ProblemResponseWriter;

/**
 * Answers a request the filter chain did not authenticate, with the challenge of
 * RFC 6750 section 3: no error code when credentials are missing, {@code invalid_token}
 * when a token failed a check, {@code invalid_request} when the request is malformed.
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private final ProblemResponseWriter writer;

	private final SecurityEvents events;

	ProblemAuthenticationEntryPoint(ProblemResponseWriter writer, SecurityEvents events) {
		this.writer = writer;
		this.events = events;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		ProblemDetail problem;
		String challenge;
		if (ex instanceof BearerTokenException bearer && bearer.isInvalidRequest()) {
			problem = ApiProblem.INVALID_REQUEST.toProblemDetail(bearer.getMessage());
			challenge = BearerChallenge.invalidRequest(bearer.getMessage());
		}
		else if (ex instanceof BearerTokenException bearer) {
			problem = ApiProblem.INVALID_TOKEN.toProblemDetail(bearer.getMessage());
			challenge = BearerChallenge.invalidToken(bearer.getMessage());
		}
		else {
			this.events.tokenRejected("missing");
			problem = ApiProblem.INVALID_TOKEN.toProblemDetail("A bearer access token is required");
			challenge = BearerChallenge.REALM;
		}
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
		this.writer.write(response, problem);
	}

}
