package dev.authserver.events;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A poll of the event feed (RFC 8936 section 2.4), its members named as the RFC names them
 * rather than in the snake case of the rest of the API.
 *
 * @param ack the {@code jti}s of SETs the receiver has
 * @param setErrs SETs the receiver could not process, by {@code jti}: acknowledged too, and
 * logged, as they would fail again
 * @param maxEvents how many SETs to answer with at most: 0 only acknowledges; absent, 100; above
 * 1000, 1000
 * @param returnImmediately whether to answer at once when nothing is pending; absent, false: the
 * poll waits up to {@code auth.events.max-wait} for an event
 */
record PollRequest(@Size(max = 10_000) List<String> ack,
		@JsonProperty("setErrs") @Size(max = 10_000) Map<String, Object> setErrs,
		@JsonProperty("maxEvents") @PositiveOrZero Integer maxEvents,
		@JsonProperty("returnImmediately") Boolean returnImmediately) {

	static final int DEFAULT_MAX_EVENTS = 100;

	static final int MAX_EVENTS = 1000;

	int effectiveMaxEvents() {
		return (this.maxEvents == null) ? DEFAULT_MAX_EVENTS : Math.min(this.maxEvents, MAX_EVENTS);
	}

	boolean waits() {
		return !Boolean.TRUE.equals(this.returnImmediately);
	}

}
