package dev.authserver.example.orders;

import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import dev.authserver.verifier.AccessTokenSecurity;

/**
 * The service's own filter chain with the verifier plugged in: health and the benchmark's twin
 * of {@code GET /orders} are open, everything else needs an access token, and the rest of
 * actuator the role {@code ADMIN}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain api(HttpSecurity http, AccessTokenSecurity accessTokens) throws Exception {
		accessTokens.applyTo(http)
			.authorizeHttpRequests((requests) -> requests
				// an error dispatch keeps the status it was given
				.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
				.requestMatchers("/actuator/health", "/actuator/health/**", "/bench/**").permitAll()
				.requestMatchers("/actuator/**").hasRole("ADMIN")
				.anyRequest().authenticated());
		return http.build();
	}

}
