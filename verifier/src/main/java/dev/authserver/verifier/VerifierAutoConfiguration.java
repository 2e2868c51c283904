package dev.authserver.verifier;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import dev.authserver.problem.ProblemResponseWriter;
import dev.authserver.verification.AccessTokenVerifier;

/**
 * Verifies the auth server's access tokens in this service (verifier/README.md): the keys, the
 * rules every token passes, the revocations read from the server's event feed, and a
 * {@link SecurityFilterChain} that needs a valid token on every request unless the application
 * builds its own (with {@link AccessTokenSecurity}). Its {@code AuthenticationProvider} also
 * stands in for Spring Boot's generated user, which a service that takes only tokens has no use
 * for.
 */
@AutoConfiguration(before = { ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SecurityFilterChain.class)
@EnableConfigurationProperties(VerifierProperties.class)
public class VerifierAutoConfiguration {

	private static final Clock clock = Clock.systemUTC();

	@Bean
	VerificationKeys authVerifierKeys(VerifierProperties properties) {
		return VerificationKeys.of(InvalidVerifierSettingsException.check(properties), httpClient());
	}

	/** Made after the keys, whose bean checks every setting first. */
	@Bean
	Revocations authVerifierRevocations(VerifierProperties properties, VerificationKeys keys) {
		return new Revocations(clock, properties.accessTokenTtl(), properties.clockSkew(), properties.maxStaleness());
	}

	@Bean
	AccessTokenAuthenticationProvider authVerifierAuthenticationProvider(VerifierProperties properties,
			VerificationKeys keys, Revocations revocations) {
		SecretKey decryptionKey = VerifierProperties.hasText(properties.encryptionKey())
				? new SecretKeySpec(InvalidVerifierSettingsException.decode("auth.verifier.encryption-key",
						properties.encryptionKey(), 32, true), "AES")
				: null;
		AccessTokenVerifier verifier = new AccessTokenVerifier(keys.algorithm(), keys::find, null, properties.issuer(),
				properties.audience(), properties.clockSkew(), properties.accessTokenTtl(), decryptionKey, clock);
		return new AccessTokenAuthenticationProvider(verifier, revocations, clock, properties.accessTokenTtl(),
				properties.clockSkew());
	}

	@Bean
	RevocationFeed authVerifierRevocationFeed(VerifierProperties properties, VerificationKeys keys,
			Revocations revocations) {
		SecurityEventTokens sets = new SecurityEventTokens(keys, properties.issuer(), properties.clientId(),
				properties.clockSkew(), clock);
		return new RevocationFeed(properties, httpClient(), keys, sets, revocations);
	}

	@Bean
	AccessTokenSecurity accessTokenSecurity(AccessTokenAuthenticationProvider tokens, Revocations revocations) {
		return new AccessTokenSecurity(tokens, revocations, new ProblemResponseWriter());
	}

	/** Every request needs a valid token, when the application has no chain of its own. */
	@Bean
	@ConditionalOnMissingBean(SecurityFilterChain.class)
	SecurityFilterChain authVerifierSecurityFilterChain(HttpSecurity http, AccessTokenSecurity accessTokens)
			throws Exception {
		accessTokens.applyTo(http)
			.authorizeHttpRequests((requests) -> requests
				// an error dispatch keeps the status it was given: a 400 never turns into a 401
				.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
				.anyRequest().authenticated());
		return http.build();
	}

	private static HttpClient httpClient() {
		return HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(2))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

}
