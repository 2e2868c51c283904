package dev.authserver.user;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Self-service signup (the configuration table in the README).
 *
 * @param enabled whether {@code POST /api/auth/signup} is open
 */
@ConfigurationProperties("auth.signup")
public record SignupProperties(@DefaultValue("true") boolean enabled) {
}
