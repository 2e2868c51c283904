package dev.authserver.session;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Runs the revocation poll and the purge at the intervals of {@link SessionProperties}, and waits when issuing needs to. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SessionScheduling implements SchedulingConfigurer {

	private final SessionProperties properties;

	private final AccessTokenRevocations revocations;

	private final SessionPurge purge;

	SessionScheduling(SessionProperties properties, AccessTokenRevocations revocations, SessionPurge purge) {
		this.properties = properties;
		this.revocations = revocations;
		this.purge = purge;
	}

	/** Waits by the system clock; tests that move their clock wait by it instead. */
	@Bean
	Sleeper sleeper() {
		return (duration) -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this.revocations::poll, this.properties.revocationPollInterval());
		registrar.addFixedDelayTask(this.purge::purge, this.properties.purgeInterval());
	}

}
