package dev.authserver.verifier;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

import dev.authserver.bearer.BearerTokenException;
import dev.authserver.problem.ApiProblem;
import dev.authserver.problem.BearerChallenge;
import dev.authserver.problem.ProblemResponseWriter;

/**
 * Answers a request that needs authentication and has none, as the server does: the challenge
 * of RFC 6750 section 3 (no error code when credentials are missing, {@code invalid_token} when
 * a token failed, {@code invalid_request} when the request is malformed), or 503
 * {@code revocations_stale} while the event feed has not been read for too long.
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private static final String STALE = "Revocations could not be read from the auth server for too long;"
			+ " no token is accepted until they can";

	private final ProblemResponseWriter writer;

	private final Revocations revocations;

	ProblemAuthenticationEntryPoint(ProblemResponseWriter writer, Revocations revocations) {
		this.writer = writer;
		this.revocations = revocations;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		BearerTokenException failure = (ex instanceof BearerTokenException bearer) ? bearer
				: (request.getAttribute(BearerTokenFilter.FAILURE) instanceof BearerTokenException bearer) ? bearer
						: null;
		ProblemDetail problem;
		if (failure != null && failure.isInvalidRequest()) {
			problem = ApiProblem.INVALID_REQUEST.toProblemDetail(failure.getMessage());
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, BearerChallenge.invalidRequest(failure.getMessage()));
		}
		else if (this.revocations.isStale()) {
			problem = ApiProblem.REVOCATIONS_STALE.toProblemDetail(STALE);
			response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(this.revocations.retryAfterSeconds()));
		}
		else if (failure != null) {
			problem = ApiProblem.INVALID_TOKEN.toProblemDetail(failure.getMessage());
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, BearerChallenge.invalidToken(failure.getMessage()));
		}
		else {
			problem = ApiProblem.INVALID_TOKEN.toProblemDetail("A bearer access token is required");
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, BearerChallenge.REALM);
		}
		this.writer.write(response, problem);
	}

}
