package dev.authserver.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cross-origin access for browser clients (the configuration table in the README).
 *
 * @param allowedOrigins origins, such as {@code https://app.example.com}, allowed to call
 * the API from a browser; empty allows none
 */
@ConfigurationProperties("auth.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins) {

	public CorsProperties {
		for (String origin : allowedOrigins) {
			// credentials are allowed to the origins named, so every one is named exactly
			if (origin.contains("*")) {
				throw new IllegalArgumentException("auth.cors.allowed-origins names each origin; a wildcard is refused");
			}
		}
	}

}
