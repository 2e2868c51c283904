package dev.authserver.password;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.authserver.problem.ApiProblem;
import dev.authserver.problem.ProblemResponseWriter;

/**
 * Refuses a request that would hash a password while {@link PasswordHashing} is full, before
 * its body is read or any other work is done: under a flood of logins, each refusal costs as
 * little as the server can answer, and bearer calls and health probes keep their latency.
 */
final class HashingAdmissionFilter extends OncePerRequestFilter {

	private final PasswordHashing hashing;

	private final ProblemResponseWriter writer;

	HashingAdmissionFilter(PasswordHashing hashing, ProblemResponseWriter writer) {
		this.hashing = hashing;
		this.writer = writer;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) && !"PUT".equals(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.hashing.isFull()) {
			response.setHeader(HttpHeaders.RETRY_AFTER, "1");
			response.setHeader(HttpHeaders.CONNECTION, "close");
			this.writer.write(response, ApiProblem.TOO_MANY_ATTEMPTS
				.toProblemDetail("The server is busy checking passwords; retry in a second"));
			return;
		}
		chain.doFilter(request, response);
	}

}
