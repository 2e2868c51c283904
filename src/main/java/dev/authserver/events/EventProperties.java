package dev.authserver.events;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the event feed (docs/revocation.md).
 *
 * @param maxWait how long a poll that asks to wait holds when nothing is pending
 */
@Validated
@ConfigurationProperties("auth.events")
public record EventProperties(@DefaultValue("25s") @NotNull Duration maxWait) {

	public EventProperties {
		if (maxWait != null && (maxWait.isNegative() || maxWait.compareTo(Duration.ofMinutes(5)) > 0)) {
			throw new IllegalArgumentException("auth.events.max-wait is between 0 and 5 minutes");
		}
	}

}
