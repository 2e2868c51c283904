package dev.authserver.verifier;

import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.authserver.verification.AccessTokenClaims;

/** A service with a filter chain of its own, into which it plugs the library: roles by URL, a public route. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(OwnChainTestApplication.Routes.class)
class OwnChainTestApplication {

	@Bean
	SecurityFilterChain api(HttpSecurity http, AccessTokenSecurity accessTokens) throws Exception {
		accessTokens.applyTo(http)
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/public").permitAll()
				.requestMatchers("/reports/**").hasRole("ADMIN")
				.anyRequest().authenticated());
		return http.build();
	}

	@RestController
	static class Routes {

		@GetMapping("/public")
		Map<String, Object> open() {
			return Map.of("open", true);
		}

		@GetMapping("/reports/daily")
		Map<String, Object> report(@AuthenticationPrincipal AccessTokenClaims claims) {
			return Map.of("for", claims.username());
		}

		@GetMapping("/me")
		Map<String, Object> me(@AuthenticationPrincipal AccessTokenClaims claims) {
			return Map.of("username", claims.username());
		}

	}

}
