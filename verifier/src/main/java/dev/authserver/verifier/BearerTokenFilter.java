package dev.authserver.verifier;

import java.io.IOException;
import java.util.Enumeration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.authserver.bearer.BearerHeaders;
import dev.authserver.bearer.BearerTokenException;

/**
 * Authenticates a request by its {@code Authorization: Bearer} access token (RFC 6750 section
 * 2.1), from the token and memory alone: no session, no network. A token that fails, or any
 * token while revocations are stale, leaves the request unauthenticated, with the reason kept
 * for the entry point: a route that needs authentication answers with it, a public one goes on.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

	/** The request attribute that holds why the request's token was refused. */
	static final String FAILURE = BearerTokenFilter.class.getName() + ".failure";

	private final AccessTokenAuthenticationProvider tokens;

	private final Revocations revocations;

	private final AuthenticationEntryPoint entryPoint;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	BearerTokenFilter(AccessTokenAuthenticationProvider tokens, Revocations revocations,
			AuthenticationEntryPoint entryPoint) {
		this.tokens = tokens;
		this.revocations = revocations;
		this.entryPoint = entryPoint;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Enumeration<String> headers = request.getHeaders(HttpHeaders.AUTHORIZATION);
		String header = (headers != null && headers.hasMoreElements()) ? headers.nextElement() : null;
		if (header == null) {
			chain.doFilter(request, response);
			return;
		}
		// RFC 6750 section 3.1: more than one way of sending a token is invalid_request
		if (headers.hasMoreElements() || BearerHeaders.hasQueryToken(request)) {
			this.entryPoint.commence(request, response,
					BearerTokenException.invalidRequest("The request carries more than one credential"));
			return;
		}
		// while stale, no token is accepted: the entry point answers 503 where one is needed
		if (BearerHeaders.isBearer(header) && !this.revocations.isStale()) {
			try {
				SecurityContext context = this.contexts.createEmptyContext();
				context.setAuthentication(this.tokens.authenticate(BearerHeaders.token(header)));
				this.contexts.setContext(context);
			}
			catch (BearerTokenException ex) {
				this.contexts.clearContext();
				request.setAttribute(FAILURE, ex);
			}
		}
		chain.doFilter(request, response);
	}

}
