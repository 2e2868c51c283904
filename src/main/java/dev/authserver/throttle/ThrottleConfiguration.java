package dev.authserver.throttle;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import dev.authserver.audit.SecurityEvents;

/** Puts the rate limit in front of the three endpoints that take credentials. */
@Configuration(proxyBeanMethods = false)
class ThrottleConfiguration implements SchedulingConfigurer {

	private final LoginLockout lockout;

	private final LoginProperties properties;

	ThrottleConfiguration(LoginLockout lockout, LoginProperties properties) {
		this.lockout = lockout;
		this.properties = properties;
	}

	/** Forgets failure counts that no longer matter, once per lockout period. */
	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this.lockout::purge, this.properties.lockout());
	}

	@Bean
	FilterRegistrationBean<RateLimitFilter> rateLimitFilter(ClientRateLimiter limiter, RefusalPacing refusals,
			SecurityEvents events) {
		FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(
				new RateLimitFilter(limiter, refusals, events));
		// password change checks a password too: a stolen access token must not guess at it freely
		registration.addUrlPatterns("/api/auth/signup", "/api/auth/login", "/api/auth/refresh", "/api/auth/revoke",
				"/api/me/password");
		// before the security chain and before any body is read
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

}
