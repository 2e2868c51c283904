package dev.authserver.password;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import dev.authserver.problem.ApiProblem;
import dev.authserver.throttle.RefusalPacing;

/**
 * Refuses a request that would hash a password while {@link PasswordHashing} is full, before
 * its body is read or any other work is done, and paces the refusals of a client that does not
 * wait as told (see {@link RefusalPacing}): under a flood of logins, bearer calls and health
 * probes keep the cores and their latency.
 */
final class HashingAdmissionFilter extends OncePerRequestFilter {

	private final PasswordHashing hashing;

	private final RefusalPacing refusals;

	HashingAdmissionFilter(PasswordHashing hashing, RefusalPacing refusals) {
		this.hashing = hashing;
		this.refusals = refusals;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) && !"PUT".equals(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.hashing.isFull()) {
			this.refusals.refuse(request, response, 1,
					ApiProblem.TOO_MANY_ATTEMPTS.toProblemDetail("The server is busy checking passwords; retry in a second"));
			return;
		}
		chain.doFilter(request, response);
	}

}
