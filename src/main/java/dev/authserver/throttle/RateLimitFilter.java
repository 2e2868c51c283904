package dev.authserver.throttle;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.authserver.audit.SecurityEvents;
import dev.authserver.audit.SecurityEvents.Event;
import dev.authserver.problem.ApiProblem;
import dev.authserver.problem.ProblemResponseWriter;

/**
 * Applies {@link ClientRateLimiter} to signup, login, refresh and password change before
 * anything else is done with the request: no body is read, no password hashed, for a
 * refused attempt.
 */
final class RateLimitFilter extends OncePerRequestFilter {

	private final ClientRateLimiter limiter;

	private final ProblemResponseWriter writer;

	private final SecurityEvents events;

	RateLimitFilter(ClientRateLimiter limiter, ProblemResponseWriter writer, SecurityEvents events) {
		this.limiter = limiter;
		this.writer = writer;
		this.events = events;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) && !"PUT".equals(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			this.limiter.acquire(request.getRemoteAddr());
		}
		catch (TooManyAttemptsException ex) {
			this.events.failure(Event.RATE_LIMIT, null, request.getRemoteAddr());
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()));
			this.writer.write(response,
					ApiProblem.TOO_MANY_ATTEMPTS.toProblemDetail("Too many attempts from this address; retry later"));
			return;
		}
		chain.doFilter(request, response);
	}

}
