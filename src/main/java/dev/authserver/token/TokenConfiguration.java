package dev.authserver.token;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the keys and the token services once, at startup. */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

	@Bean
	SigningKeys signingKeys(JwtProperties properties) {
		return SigningKeyLoader.load(properties);
	}

	@Bean
	AccessTokens accessTokens(SigningKeys keys, JwtProperties properties, Clock clock) {
		return new AccessTokens(keys, properties, clock);
	}

	@Bean
	RefreshTokens refreshTokens(SigningKeys keys, JwtProperties properties, Clock clock) {
		return new RefreshTokens(keys, properties, clock);
	}

}
