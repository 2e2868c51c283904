package dev.authserver.storage;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The application's {@link javax.sql.DataSource}: a HikariCP pool built from
 * {@code spring.datasource.*} and {@code spring.datasource.hikari.*} exactly as Spring Boot
 * builds it, inside a {@link RenewableDataSource} that builds a new one when the database comes
 * back after an outage; and, on an embedded H2 file, its compaction while the server runs.
 */
@Configuration(proxyBeanMethods = false)
class DataSourceConfiguration {

	@Bean(destroyMethod = "close")
	RenewableDataSource dataSource(DataSourceProperties properties, Environment environment) {
		return new RenewableDataSource(() -> {
			HikariDataSource pool = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
			Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(pool));
			return pool;
		});
	}

	/** Closed before the data source, whose pool closes the database after it. */
	@Bean(destroyMethod = "close")
	@Conditional(OnEmbeddedH2File.class)
	H2Compaction h2Compaction(DataSource dataSource) {
		return new H2Compaction(dataSource, H2Compaction.INTERVAL);
	}

	/** An H2 URL that is neither in memory nor on a server: the file this process has open. */
	static class OnEmbeddedH2File implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return H2Compaction.isEmbeddedFile(context.getEnvironment().getProperty("spring.datasource.url"));
		}

	}

}
