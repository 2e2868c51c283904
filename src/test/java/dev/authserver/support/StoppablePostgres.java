package dev.authserver.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL of its own that a test stops and starts again, on the same port and the
 * same data folder, as a database restarts or fails over in production. Commits are durable
 * ({@code fsync} on), so what was acknowledged before a stop is there after it.
 */
public final class StoppablePostgres implements AutoCloseable {

	private final Path data;

	private final int port;

	private EmbeddedPostgres server;

	private StoppablePostgres(Path data, int port) {
		this.data = data;
		this.port = port;
	}

	/** Starts a new server with one database, {@code auth}, owned by the application's role. */
	public static StoppablePostgres start() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		StoppablePostgres postgres = new StoppablePostgres(Files.createTempDirectory("stoppable-postgres"), port);
		postgres.server = postgres.launch();
		postgres.execute("create role " + EmbeddedPostgresSupport.username() + " login password '"
				+ EmbeddedPostgresSupport.password() + "'");
		postgres.execute("create database auth owner " + EmbeddedPostgresSupport.username());
		return postgres;
	}

	/** The {@code spring.datasource.*} properties of its database. */
	public List<String> datasourceProperties() {
		return EmbeddedPostgresSupport.datasourceProperties("jdbc:postgresql://localhost:" + this.port + "/auth");
	}

	/** Stops the server (a fast shutdown: connections are cut, as when a database goes away). */
	public void stop() throws IOException {
		if (this.server != null) {
			this.server.close();
			this.server = null;
		}
	}

	/** Starts it again on the same data and port. */
	public void restart() throws IOException {
		if (this.server == null) {
			this.server = launch();
		}
	}

	/** Runs a statement as the superuser, on the application's database. */
	public Connection superuserConnection() throws SQLException {
		return this.server.getDatabase("postgres", "auth").getConnection();
	}

	/**
	 * Starts the server on the data folder: the first time, an empty folder, initialised then;
	 * after that, the same data. It is never cleaned by the library, which would delete the
	 * folder at every stop.
	 */
	private EmbeddedPostgres launch() throws IOException {
		return EmbeddedPostgres.builder()
			.setDataDirectory(this.data)
			.setCleanDataDirectory(false)
			.setPort(this.port)
			.setPGStartupWait(Duration.ofSeconds(30))
			.setRegisterShutdownHook(false)
			.start();
	}

	private void execute(String sql) {
		try (Connection connection = this.server.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run '" + sql + "'", ex);
		}
	}

	/** Stops the server and deletes its data. */
	@Override
	public void close() throws IOException {
		stop();
		org.springframework.util.FileSystemUtils.deleteRecursively(this.data);
	}

}
