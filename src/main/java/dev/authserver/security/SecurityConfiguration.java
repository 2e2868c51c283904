package dev.authserver.security;

import java.time.Duration;
import java.util.List;

import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.servlet.HandlerMapping;

import dev.authserver.audit.SecurityEvents;
import dev.authserver.bearer.ProblemAccessDeniedHandler;
import dev.authserver.problem.ProblemResponseWriter;
import dev.authserver.session.AccessTokenRevocations;
import dev.authserver.token.AccessTokens;

/**
 * The filter chain: stateless, bearer tokens only, every rejection written as a problem.
 * Public: signup, login, refresh, logout, health and the console's files (its calls to the API
 * carry tokens). Everything else under {@code /api} needs a token, {@code /api/admin} and the
 * rest of actuator the role {@code ADMIN}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/**
	 * No bearer token: credentials or a refresh token in the body, or for introspection and the
	 * event feed a service client's own credential; revocation is authorised by the token it
	 * revokes (RFC 7009).
	 */
	private static final String[] PUBLIC_AUTH = { "/api/auth/signup", "/api/auth/login", "/api/auth/refresh",
			"/api/auth/logout", "/api/auth/introspect", "/api/auth/revoke", "/api/events/poll" };

	/**
	 * No observations of Spring Security's own: they time every filter of the chain on every
	 * request (a noticeable share of a refresh's CPU), and SecurityEvents already counts
	 * what matters (logins, refreshes, rejections by reason) in Prometheus and the log.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, AccessTokens accessTokens,
			AccessTokenRevocations revocations, SecurityEvents events, ProblemResponseWriter writer, CorsProperties cors,
			@Qualifier("requestMappingHandlerMapping") HandlerMapping controllers) throws Exception {
		ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(writer, events);
		RequestMatcher publicAuth = new OrRequestMatcher(java.util.Arrays.stream(PUBLIC_AUTH)
			.<RequestMatcher>map((path) -> PathPatternRequestMatcher.withDefaults().matcher(path))
			.toList());
		// tokens travel in a header, never in a cookie: no CSRF to defend against, no credentials for CORS
		http.csrf(AbstractHttpConfigurer::disable).cors(AbstractHttpConfigurer::disable);
		if (!cors.allowedOrigins().isEmpty()) {
			// Spring's CorsFilter ends every preflight itself: only with origins to allow is it wanted
			http.addFilterBefore(corsFilter(cors), HeaderWriterFilter.class);
		}
		http
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache((cache) -> cache.requestCache(new NullRequestCache()))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(new ProblemAccessDeniedHandler(writer)))
			.addFilterBefore(new BearerTokenFilter(accessTokens, revocations, events, entryPoint, publicAuth, writer),
					AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests((requests) -> requests
				// an error dispatch keeps the status it was given: a 400 never turns into a 401
				.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
				.requestMatchers(publicAuth).permitAll()
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
				.requestMatchers("/console", "/console/**").permitAll()
				.requestMatchers("/api/admin/**", "/actuator/**").hasRole("ADMIN")
				.requestMatchers("/api/me", "/api/me/**", "/api/auth/logout-all").authenticated()
				.requestMatchers(new UnmappedRequestMatcher(controllers)).permitAll()
				.requestMatchers("/api/**").authenticated()
				.anyRequest().permitAll());
		return http.build();
	}

	/**
	 * CORS for the configured origins only: a preflight from one of them is answered before
	 * authentication, naming {@code Authorization} and {@code X-Requested-With} as allowed, with
	 * credentials for browser mode's cookie; any other origin gets no CORS header. No wildcard.
	 */
	private static CorsFilter corsFilter(CorsProperties properties) {
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOrigins(properties.allowedOrigins());
		configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE", "OPTIONS"));
		configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-Requested-With"));
		configuration.setExposedHeaders(List.of("WWW-Authenticate", "Retry-After"));
		// for browser mode's cookie; never with a wildcard, which CorsProperties refuses
		configuration.setAllowCredentials(true);
		configuration.setMaxAge(Duration.ofHours(1));
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", configuration);
		CorsFilter filter = new CorsFilter(source);
		filter.setCorsProcessor(new ProblemCorsProcessor());
		return filter;
	}

}
