package dev.authserver.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The system clock, shifted by an offset that tests change by hand: it keeps ticking. */
public final class ShiftedClock extends Clock {

	private volatile Duration offset;

	public ShiftedClock(Duration offset) {
		this.offset = offset;
	}

	public void shift(Duration by) {
		this.offset = this.offset.plus(by);
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
		return Instant.now().plus(this.offset);
	}

}
