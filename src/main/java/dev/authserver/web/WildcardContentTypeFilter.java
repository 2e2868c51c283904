package dev.authserver.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.authserver.problem.ApiProblem;
import dev.authserver.problem.ProblemResponseWriter;

/**
 * Refuses a request whose {@code Content-Type} is a media range such as {@code application/*}
 * with 415 before any handler reads it: Spring cannot read a body under one, and a handler
 * with a body parameter, actuator's included, would answer it with a 500.
 */
final class WildcardContentTypeFilter extends OncePerRequestFilter {

	private final ProblemResponseWriter writer;

	WildcardContentTypeFilter(ProblemResponseWriter writer) {
		this.writer = writer;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isWildcard(request.getContentType())) {
			this.writer.write(response,
					ApiProblem.UNSUPPORTED_MEDIA_TYPE.toProblemDetail("The content type must be application/json"));
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean isWildcard(String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return type.isWildcardType() || type.isWildcardSubtype();
		}
		catch (InvalidMediaTypeException ex) {
			// not a media type at all: Spring MVC answers that with 415 itself
			return false;
		}
	}

}
