package dev.authserver.audit;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The stored security events (docs/operations.md).
 *
 * @param retention how long an event is kept; older ones are purged every hour, in batches
 * @param store whether events are stored at all; they are logged and counted either way
 */
@Validated
@ConfigurationProperties("auth.audit")
public record AuditProperties(@DefaultValue("30d") @NotNull Duration retention, @DefaultValue("true") boolean store) {

	public AuditProperties {
		if (retention != null && retention.compareTo(Duration.ofHours(1)) < 0) {
			throw new IllegalArgumentException("auth.audit.retention is at least an hour");
		}
	}

}
