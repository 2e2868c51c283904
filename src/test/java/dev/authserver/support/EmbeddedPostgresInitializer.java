package dev.authserver.support;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points each application context it initializes at a database of its own on the embedded PostgreSQL. */
class EmbeddedPostgresInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		// added in front of every other property source, so it wins over the profiles' URLs
		TestPropertyValues.of(EmbeddedPostgresSupport.datasourceProperties(EmbeddedPostgresSupport.newDatabaseUrl()))
			.applyTo(context);
	}

}
