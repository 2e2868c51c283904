package dev.authserver.auth;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.authserver.support.EmbeddedPostgresSupport;
import dev.authserver.support.PostgresIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Every case of {@link AuthEndpointsTest} again, on PostgreSQL instead of H2 (docs/operations.md). */
@PostgresIntegrationTest
class PostgresAuthEndpointsTest extends AuthEndpointsTest {

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private Environment environment;

	@Test
	void contextWhenPostgresIntegrationTestThenEmbeddedPostgresqlMigratedByFlyway() {
		assertThat(this.environment.getActiveProfiles()).containsExactly("test", "postgres");
		assertThat(this.environment.getProperty("spring.datasource.url")).startsWith("jdbc:postgresql://localhost:")
			.endsWith("/" + this.jdbc.queryForObject("select current_database()", String.class));
		assertThat(this.jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL 17.");
		assertThat(this.jdbc.queryForObject("select current_user", String.class))
			.isEqualTo(EmbeddedPostgresSupport.username());
		assertThat(this.jdbc.queryForList("select version from flyway_schema_history where success", String.class))
			.containsExactly("1", "2", "3", "4", "5", "6", "7");
	}

}
