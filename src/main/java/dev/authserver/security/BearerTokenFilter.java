package dev.authserver.security;

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
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.authserver.audit.SecurityEvents;
import dev.authserver.bearer.BearerHeaders;
import dev.authserver.bearer.BearerTokenException;
import dev.authserver.problem.ApiProblem;
import dev.authserver.problem.ProblemResponseWriter;
import dev.authserver.session.AccessTokenRevocations;
import dev.authserver.token.AccessTokens;
import dev.authserver.verification.AccessTokenClaims;
import dev.authserver.verification.InvalidTokenException;

/**
 * Authenticates a request by its {@code Authorization: Bearer} access token (RFC 6750
 * section 2.1), from the token alone: no session, no database. A request without the
 * header goes on unauthenticated, and the authorization rules decide; a request with a
 * bad one is answered here.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

	private static final String REVOKED = "The access token was revoked";

	private final AccessTokens accessTokens;

	private final AccessTokenRevocations revocations;

	private final SecurityEvents events;

	private final AuthenticationEntryPoint entryPoint;

	private final RequestMatcher ignored;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	private final ProblemResponseWriter writer;

	BearerTokenFilter(AccessTokens accessTokens, AccessTokenRevocations revocations, SecurityEvents events,
			AuthenticationEntryPoint entryPoint, RequestMatcher ignored, ProblemResponseWriter writer) {
		this.writer = writer;
		this.accessTokens = accessTokens;
		this.revocations = revocations;
		this.events = events;
		this.entryPoint = entryPoint;
		this.ignored = ignored;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		// the public endpoints take no bearer token: a stale one sent along by habit is no error
		return this.ignored.matches(request);
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
		if (!BearerHeaders.isBearer(header)) {
			chain.doFilter(request, response);
			return;
		}
		String token = BearerHeaders.token(header);
		try {
			AccessTokenClaims claims = this.accessTokens.verify(token);
			if (this.revocations.isRevoked(claims)) {
				this.events.tokenRejected("revoked");
				this.contexts.clearContext();
				this.entryPoint.commence(request, response, BearerTokenException.invalidToken(REVOKED));
				return;
			}
			if (this.revocations.isStale()) {
				// it cannot know whether the token was revoked since: it never says a token is live then
				this.contexts.clearContext();
				response.setHeader(HttpHeaders.RETRY_AFTER, "5");
				this.writer.write(response, ApiProblem.REVOCATIONS_STALE.toProblemDetail(
						"Revocations could not be read for a while; the token cannot be checked until they can"));
				return;
			}
			SecurityContext context = this.contexts.createEmptyContext();
			context.setAuthentication(new BearerTokenAuthentication(claims));
			this.contexts.setContext(context);
		}
		catch (InvalidTokenException ex) {
			this.events.tokenRejected(ex.isExpired() ? "expired" : "invalid");
			this.contexts.clearContext();
			this.entryPoint.commence(request, response, BearerTokenException.invalidToken(ex.getMessage()));
			return;
		}
		chain.doFilter(request, response);
	}

}
