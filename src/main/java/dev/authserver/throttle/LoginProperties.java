package dev.authserver.throttle;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Brute-force limits (docs/security.md).
 *
 * @param maxFailures consecutive failed logins before a username is locked
 * @param lockout how long it stays locked
 * @param rateLimitPerMinute login, signup and refresh attempts per client IP per minute
 * @param trackedClients how many client addresses the rate limiter remembers at most
 * @param paceRefusals whether a client that asks again before its {@code Retry-After} has passed
 * is answered when it has passed rather than at once (see {@code RefusalPacing})
 */
@Validated
@ConfigurationProperties("auth.login")
public record LoginProperties(@DefaultValue("10") @Min(1) @Max(1000) int maxFailures,
		@DefaultValue("15m") @NotNull Duration lockout,
		@DefaultValue("60") @Min(1) @Max(1_000_000) int rateLimitPerMinute,
		@DefaultValue("100000") @Min(100) @Max(10_000_000) int trackedClients,
		@DefaultValue("true") boolean paceRefusals) {

	@ConstructorBinding
	public LoginProperties {
	}

	/** The limits with refusals paced. */
	public LoginProperties(int maxFailures, Duration lockout, int rateLimitPerMinute, int trackedClients) {
		this(maxFailures, lockout, rateLimitPerMinute, trackedClients, true);
	}

}
