package dev.authserver.bearer;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

import dev.authserver.problem.ApiProblem;
import dev.authserver.problem.BearerChallenge;
import dev.authserver.problem.ProblemResponseWriter;

/** A valid token without the role the endpoint needs: 403 {@code insufficient_scope} (RFC 6750 section 3.1). */
public final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

	private static final String DESCRIPTION = "The access token lacks the role this endpoint requires";

	private final ProblemResponseWriter writer;

	public ProblemAccessDeniedHandler(ProblemResponseWriter writer) {
		this.writer = writer;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, BearerChallenge.insufficientScope(DESCRIPTION));
		this.writer.write(response, ApiProblem.INSUFFICIENT_ROLE.toProblemDetail(DESCRIPTION));
	}

}
