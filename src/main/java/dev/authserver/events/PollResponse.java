package dev.authserver.events;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to a poll (RFC 8936 section 2.4), its members named as the RFC names them.
 *
 * @param sets SETs by {@code jti}, oldest first
 * @param moreAvailable whether more are pending than this answer holds
 */
record PollResponse(Map<String, String> sets, @JsonProperty("moreAvailable") boolean moreAvailable) {

	static final PollResponse EMPTY = new PollResponse(Map.of(), false);

}
