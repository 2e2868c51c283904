package dev.authserver.support;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Puts the shared context's {@link MutableClock} back to the real time after each test, so
 * that a test which moves it cannot leave the next one, in any class, in the future.
 */
class ResetClockExtension implements AfterEachCallback {

	@Override
	public void afterEach(ExtensionContext context) {
		SpringExtension.getApplicationContext(context).getBean(MutableClock.class).reset();
	}

}
