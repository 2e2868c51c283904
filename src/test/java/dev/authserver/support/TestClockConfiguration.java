package dev.authserver.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import dev.authserver.session.Sleeper;

/** Puts a {@link MutableClock} in place of the system clock, and waits by it. */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfiguration {

	@Bean
	@Primary
	MutableClock mutableClock() {
		return new MutableClock();
	}

	/** Waiting moves the clock: a test never waits for real time its clock would not show. */
	@Bean
	@Primary
	Sleeper movingSleeper(MutableClock clock) {
		return clock::advance;
	}

}
