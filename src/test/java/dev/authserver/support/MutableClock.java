package dev.authserver.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that tests move by hand, starting at the real time. */
public final class MutableClock extends Clock {

	private volatile Instant now = Instant.now();

	public void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	public void reset() {
		this.now = Instant.now();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return this.now;
	}

}
