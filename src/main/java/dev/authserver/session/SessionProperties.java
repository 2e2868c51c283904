package dev.authserver.session;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Housekeeping of sessions and revocations.
 *
 * @param purgeInterval how often expired and ended rows are deleted
 * @param purgeBatchSize how many rows one delete statement removes at most
 * @param revocationPollInterval how often each instance reads the revocations other
 * instances made; revocation reaches every instance within this plus one query
 * @param maxPerUser live sessions one user may hold; a login beyond ends the least recently
 * used
 * @param maxRevocationStaleness how long after the last successful read of the revocation log
 * bearer tokens are still accepted from memory, and at least three poll intervals; past it,
 * protected calls answer 503 {@code revocations_stale} until a read succeeds
 * (docs/operations.md)
 */
@Validated
@ConfigurationProperties("auth.sessions")
public record SessionProperties(@DefaultValue("1h") @NotNull Duration purgeInterval,
		@DefaultValue("1000") @Min(1) @Max(100_000) int purgeBatchSize,
		@DefaultValue("1s") @NotNull Duration revocationPollInterval,
		@DefaultValue("50") @Min(1) @Max(10_000) int maxPerUser,
		@DefaultValue("30s") @NotNull Duration maxRevocationStaleness) {
}
