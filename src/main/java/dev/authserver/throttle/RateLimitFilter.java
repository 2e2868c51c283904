package dev.authserver.throttle;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import dev.authserver.audit.SecurityEvents;
import dev.authserver.audit.SecurityEvents.Event;
import dev.authserver.problem.ApiProblem;

/**
 * Applies {@link ClientRateLimiter} to signup, login, refresh and password change before
 * anything else is done with the request: no body is read, no password hashed, for a
 * refused attempt.
 */
final class RateLimitFilter extends OncePerRequestFilter {

	private final ClientRateLimiter limiter;

	private final RefusalPacing refusals;

	private final SecurityEvents events;

	RateLimitFilter(ClientRateLimiter limiter, RefusalPacing refusals, SecurityEvents events) {
		this.limiter = limiter;
		this.refusals = refusals;
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
			this.refusals.refuse(request, response, ex.retryAfterSeconds(),
					ApiProblem.TOO_MANY_ATTEMPTS.toProblemDetail("Too many attempts from this address; retry later"));
			return;
		}
		chain.doFilter(request, response);
	}

}
