package dev.authserver.verifier;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.savedrequest.NullRequestCache;

import dev.authserver.bearer.ProblemAccessDeniedHandler;
import dev.authserver.problem.ProblemResponseWriter;

/**
 * Plugs access-token verification into a {@link HttpSecurity} the application builds itself
 * (verifier/README.md): the bearer filter, stateless requests, and the server's problem answers
 * for 400, 401, 403 and 503. The authorization rules stay the application's:
 *
 * <pre class="code">
 * &#064;Bean
 * SecurityFilterChain api(HttpSecurity http, AccessTokenSecurity accessTokens) throws Exception {
 *     accessTokens.applyTo(http)
 *         .authorizeHttpRequests((requests) -&gt; requests
 *             .requestMatchers("/actuator/health").permitAll()
 *             .anyRequest().authenticated());
 *     return http.build();
 * }
 * </pre>
 *
 * Without a chain of the application's own, the library's default one does this for every
 * request.
 */
public final class AccessTokenSecurity {

	private final AccessTokenAuthenticationProvider tokens;

	private final Revocations revocations;

	private final ProblemAuthenticationEntryPoint entryPoint;

	private final ProblemAccessDeniedHandler accessDeniedHandler;

	AccessTokenSecurity(AccessTokenAuthenticationProvider tokens, Revocations revocations,
			ProblemResponseWriter writer) {
		this.tokens = tokens;
		this.revocations = revocations;
		this.entryPoint = new ProblemAuthenticationEntryPoint(writer, revocations);
		this.accessDeniedHandler = new ProblemAccessDeniedHandler(writer);
	}

	/**
	 * Adds the bearer filter and the problem answers to the chain, and makes it stateless: no
	 * session, no CSRF token (a bearer token travels in a header, which a cross-site form cannot
	 * send), no login form or logout of its own.
	 *
	 * @param http the chain being built
	 * @return the same chain, for more settings
	 * @throws Exception as {@link HttpSecurity}'s own settings may
	 */
	public HttpSecurity applyTo(HttpSecurity http) throws Exception {
		return http.csrf(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache((cache) -> cache.requestCache(new NullRequestCache()))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(this.entryPoint)
				.accessDeniedHandler(this.accessDeniedHandler))
			.addFilterBefore(new BearerTokenFilter(this.tokens, this.revocations, this.entryPoint),
					AnonymousAuthenticationFilter.class);
	}

}
