package dev.authserver.fuzz;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/** Lets {@code -Dfuzz.tries=N}, which the Maven profile {@code fuzz} sets, replace the tries each fuzz property declares. */
public final class FuzzTries implements AroundPropertyHook {

	static final String PROPERTY = "fuzz.tries";

	@Override
	public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
		Integer tries = Integer.getInteger(PROPERTY);
		if (tries != null && tries > 0) {
			context.attributes().setTries(tries);
		}
		return property.execute();
	}

}
