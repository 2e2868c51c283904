package dev.authserver.storage;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The application's {@link javax.sql.DataSource}: a HikariCP pool built from
 * {@code spring.datasource.*} and {@code spring.datasource.hikari.*} exactly as Spring Boot
 * builds it, inside a {@link RenewableDataSource} that builds a new one when the database comes
 * back after an outage.
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

}
