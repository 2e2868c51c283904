package dev.authserver.events;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the revocation log as the feed carries it: a session that ended, or every token of
 * a user issued at or before {@code revokedAt}.
 *
 * @param seq the log's number for it, which is also the {@code jti} of its SETs
 * @param userId the user
 * @param sessionId the session, or {@code null} for all the user's tokens
 * @param revokedAt when
 */
record RevocationEvent(long seq, UUID userId, UUID sessionId, Instant revokedAt) {

	String jti() {
		return Long.toString(this.seq);
	}

	/** The log number a {@code jti} of ours names, or -1 for any other text. */
	static long seqOf(String jti) {
		if (jti == null || jti.isEmpty() || jti.length() > 18) {
			return -1;
		}
		for (int i = 0; i < jti.length(); i++) {
			if (jti.charAt(i) < '0' || jti.charAt(i) > '9') {
				return -1;
			}
		}
		return Long.parseLong(jti);
	}

}
