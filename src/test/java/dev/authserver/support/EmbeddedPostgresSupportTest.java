package dev.authserver.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The database handed out to tests that build their own application contexts. */
class EmbeddedPostgresSupportTest {

	@Test
	void newDatabaseUrlWhenCalledTwiceThenTwoEmptyDatabasesOfTheApplicationRole() throws SQLException {
		String first = EmbeddedPostgresSupport.newDatabaseUrl();
		String second = EmbeddedPostgresSupport.newDatabaseUrl();
		assertThat(first).startsWith("jdbc:postgresql://localhost:").isNotEqualTo(second);
		try (Connection connection = DriverManager.getConnection(first, EmbeddedPostgresSupport.username(),
				EmbeddedPostgresSupport.password()); Statement statement = connection.createStatement()) {
			statement.execute("create table marker (id int)");
			assertThat(single(statement, "select current_user")).isEqualTo(EmbeddedPostgresSupport.username());
		}
		try (Connection connection = DriverManager.getConnection(second, EmbeddedPostgresSupport.username(),
				EmbeddedPostgresSupport.password()); Statement statement = connection.createStatement()) {
			assertThat(single(statement, "select count(*) from information_schema.tables where table_schema = 'public'"))
				.isEqualTo("0");
		}
	}

	@Test
	void datasourcePropertiesThenUrlAndCredentialsForSpring() {
		assertThat(EmbeddedPostgresSupport.datasourceProperties("jdbc:postgresql://localhost:1/x")).containsExactly(
				"spring.datasource.url=jdbc:postgresql://localhost:1/x",
				"spring.datasource.username=" + EmbeddedPostgresSupport.username(),
				"spring.datasource.password=" + EmbeddedPostgresSupport.password());
	}

	private static String single(Statement statement, String sql) throws SQLException {
		try (ResultSet result = statement.executeQuery(sql)) {
			assertThat(result.next()).isTrue();
			return result.getString(1);
		}
	}

}
