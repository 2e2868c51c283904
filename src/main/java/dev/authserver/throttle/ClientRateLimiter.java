package dev.authserver.throttle;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import org.springframework.stereotype.Component;

/**
 * Holds each client address to {@code auth.login.rate-limit-per-minute} attempts at signup,
 * login and refresh (SPEC section 7): a Bucket4j token bucket per address, in a Caffeine
 * cache bounded in size, so that a flood of distinct addresses cannot grow it without limit.
 * Per instance: behind a load balancer each instance allows the rate on its own.
 */
@Component
public class ClientRateLimiter {

	private final LoadingCache<String, Bucket> buckets;

	ClientRateLimiter(LoginProperties properties) {
		int perMinute = properties.rateLimitPerMinute();
		this.buckets = Caffeine.newBuilder()
			.maximumSize(properties.trackedClients())
			// a bucket left alone for two minutes is full again: forgetting it changes nothing
			.expireAfterAccess(Duration.ofMinutes(2))
			.build((address) -> Bucket.builder()
				.addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
				.build());
	}

	/** Takes one attempt for the address, or throws {@link TooManyAttemptsException}. */
	public void acquire(String clientAddress) {
		ConsumptionProbe probe = this.buckets.get(clientAddress).tryConsumeAndReturnRemaining(1);
		if (!probe.isConsumed()) {
			throw new TooManyAttemptsException(Duration.ofNanos(probe.getNanosToWaitForRefill()));
		}
	}

	long trackedClients() {
		this.buckets.cleanUp();
		return this.buckets.estimatedSize();
	}

}
