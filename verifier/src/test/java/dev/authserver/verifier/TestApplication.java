package dev.authserver.verifier;

import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.authserver.verification.AccessTokenClaims;

/**
 * A service that adds the library and nothing else for security: the default chain, which
 * needs a token on every request, and method security for its administrators' route.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableMethodSecurity
@Import(TestApplication.Routes.class)
class TestApplication {

	@RestController
	static class Routes {

		@GetMapping("/me")
		Map<String, Object> me(@AuthenticationPrincipal AccessTokenClaims claims) {
			return Map.of("id", claims.userId().toString(), "username", claims.username(), "roles", claims.roles(),
					"session", claims.sessionId().toString());
		}

		@GetMapping("/admin")
		@PreAuthorize("hasRole('ADMIN')")
		Map<String, Object> admin(@AuthenticationPrincipal AccessTokenClaims claims) {
			return Map.of("admin", claims.username());
		}

	}

}
