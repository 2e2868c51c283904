package dev.authserver.verifier;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this service knows of revoked access tokens, from the server's event feed: sessions that
 * ended, and users whose tokens issued at or before a moment are refused. Asked on every
 * request, from memory. An entry is forgotten once no token it revokes can still be live, so
 * memory holds about one access-token lifetime of revocations.
 * <p>
 * It also knows when the feed was last read whole: past {@code max-staleness} after that, what
 * it says cannot be trusted to be current, and protected calls are refused as stale rather than
 * let through. Before the first read it is stale too.
 */
final class Revocations {

	private static final long NEVER = Long.MIN_VALUE;

	private final Clock clock;

	/** Seconds a revocation matters after it was made: the access-token lifetime and the skew. */
	private final long windowSeconds;

	private final long maxStalenessMillis;

	/** Ended sessions, by the 22-character text a token's {@code jti} starts with, to when they ended. */
	private final Map<String, Long> sessions = new ConcurrentHashMap<>();

	/** Users to the epoch second at or before which their tokens are refused. */
	private final Map<UUID, Long> users = new ConcurrentHashMap<>();

	/** When the feed was last read with nothing left waiting, in the clock's milliseconds. */
	private volatile long readAt = NEVER;

	/** What a stale answer tells the client to wait, in seconds. */
	private volatile int retryAfterSeconds = 1;

	Revocations(Clock clock, Duration accessTokenTtl, Duration clockSkew, Duration maxStaleness) {
		this.clock = clock;
		this.windowSeconds = accessTokenTtl.plus(clockSkew).toSeconds();
		this.maxStalenessMillis = maxStaleness.toMillis();
	}

	/** Whether the token was revoked: its session ended, or its user's tokens up to its {@code iat}. */
	boolean isRevoked(AccessTokenAuthentication token) {
		if (!this.sessions.isEmpty() && this.sessions.containsKey(token.sessionText())) {
			return true;
		}
		if (this.users.isEmpty()) {
			return false;
		}
		Long revokedAt = this.users.get(token.getPrincipal().userId());
		return revokedAt != null && token.issuedAtSecond() <= revokedAt;
	}

	/** Whether the feed has not been read for longer than allowed, or never. */
	boolean isStale() {
		long read = this.readAt;
		return read == NEVER || this.clock.millis() - read > this.maxStalenessMillis;
	}

	int retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

	/** Ends a session as of this epoch second. */
	void revokeSession(String sessionText, long at) {
		this.sessions.merge(sessionText, at, Math::max);
	}

	/** Refuses the user's tokens issued at or before this epoch second. */
	void revokeUser(UUID userId, long at) {
		this.users.merge(userId, at, Math::max);
	}

	/** The feed was read, and nothing waits in it. */
	void read() {
		this.readAt = this.clock.millis();
	}

	void retryAfter(Duration wait) {
		this.retryAfterSeconds = (int) Math.max(1, (wait.toMillis() + 999) / 1000);
	}

	/** Forgets the revocations of tokens that have all expired. */
	void forgetExpired() {
		long now = this.clock.instant().getEpochSecond();
		this.sessions.values().removeIf((at) -> at + this.windowSeconds < now);
		this.users.values().removeIf((at) -> at + this.windowSeconds < now);
	}

	/** How many revocations are held, for tests and logs. */
	int size() {
		return this.sessions.size() + this.users.size();
	}

}
