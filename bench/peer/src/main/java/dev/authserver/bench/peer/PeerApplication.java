package dev.authserver.bench.peer;

import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A plain Spring Security resource server: {@code NimbusJwtDecoder} with the server's HS256 key,
 * its issuer and audience, and RFC 9068's {@code typ: at+jwt}; {@code GET /api/me} answers the
 * same body as the server's, from the token's claims.
 */
@SpringBootApplication
@RestController
public class PeerApplication {

	public static void main(String[] args) {
		SpringApplication.run(PeerApplication.class, args);
	}

	@Bean
	SecurityFilterChain api(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests((requests) -> requests.requestMatchers("/actuator/health")
			.permitAll()
			.anyRequest()
			.authenticated())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.oauth2ResourceServer((server) -> server.jwt(Customizer.withDefaults()))
			.build();
	}

	@Bean
	JwtDecoder jwtDecoder(@Value("${auth.jwt.secret}") String secret, @Value("${auth.jwt.issuer}") String issuer,
			@Value("${auth.jwt.audience}") String audience) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder
			.withSecretKey(new SecretKeySpec(Base64.getDecoder().decode(secret), "HmacSHA256"))
			.macAlgorithm(MacAlgorithm.HS256)
			.build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(new JwtTypeValidator("at+jwt"),
				new JwtIssuerValidator(issuer), new JwtAudienceValidator(audience)));
		return decoder;
	}

	@GetMapping("/api/me")
	Me me(@AuthenticationPrincipal Jwt token) {
		return new Me(UUID.fromString(token.getSubject()), token.getClaimAsString("preferred_username"),
				token.getClaimAsStringList("roles"));
	}

	/**
	 * The body of the server's {@code GET /api/me}.
	 *
	 * @param id {@code sub}
	 * @param username {@code preferred_username}
	 * @param roles {@code roles}
	 */
	record Me(UUID id, String username, List<String> roles) {
	}

}
