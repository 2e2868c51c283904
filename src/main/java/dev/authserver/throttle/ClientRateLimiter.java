package dev.authserver.throttle;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import org.springframework.stereotype.Component;

import dev.authserver.web.IpAddresses;

/**
 * Holds each client to {@code auth.login.rate-limit-per-minute} attempts at signup, login and
 * refresh, and each username to as many logins (docs/security.md): a Bucket4j token bucket per
 * IPv4 address, per IPv6 /64 (one subscriber's prefix, so that its 2^64 addresses are one
 * budget), and per username key, in a Caffeine cache bounded in size, so that a flood of
 * distinct clients cannot grow it without limit. Per instance: behind a load balancer each
 * instance allows the rate on its own.
 */
@Component
public class ClientRateLimiter {

	private final LoadingCache<String, Bucket> buckets;

	private final UsernameKeys usernames;

	ClientRateLimiter(LoginProperties properties, UsernameKeys usernames) {
		this.usernames = usernames;
		int perMinute = properties.rateLimitPerMinute();
		this.buckets = Caffeine.newBuilder()
			.maximumSize(properties.trackedClients())
			// a bucket left alone for two minutes is full again: forgetting it changes nothing
			.expireAfterAccess(Duration.ofMinutes(2))
			.build((address) -> Bucket.builder()
				.addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
				.build());
	}

	/** Takes one attempt for the client address, or throws {@link TooManyAttemptsException}. */
	public void acquire(String clientAddress) {
		take("address " + IpAddresses.clientGroup(clientAddress));
	}

	/** Takes one login for the username, or throws {@link TooManyAttemptsException}. */
	public void acquireForUsername(String username) {
		take("username " + this.usernames.of(username));
	}

	private void take(String bucket) {
		ConsumptionProbe probe = this.buckets.get(bucket).tryConsumeAndReturnRemaining(1);
		if (!probe.isConsumed()) {
			throw new TooManyAttemptsException(Duration.ofNanos(probe.getNanosToWaitForRefill()));
		}
	}

	long trackedClients() {
		this.buckets.cleanUp();
		return this.buckets.estimatedSize();
	}

}
