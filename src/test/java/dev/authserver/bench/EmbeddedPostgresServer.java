package dev.authserver.bench;

import dev.authserver.support.EmbeddedPostgresSupport;

/**
 * The PostgreSQL of the refresh figure in bench/run.sh: the tests' embedded server, kept
 * running until this process is stopped (SIGTERM stops PostgreSQL with it).
 */
public final class EmbeddedPostgresServer {

	private EmbeddedPostgresServer() {
	}

	/** Prints {@code JDBC_URL=...} once the database exists, then waits to be stopped. */
	public static void main(String[] args) throws InterruptedException {
		String url = EmbeddedPostgresSupport.newDatabaseUrl();
		System.out.println("JDBC_URL=" + url);
		System.out.println("JDBC_USERNAME=" + EmbeddedPostgresSupport.username());
		System.out.println("JDBC_PASSWORD=" + EmbeddedPostgresSupport.password());
		System.out.flush();
		Thread.currentThread().join();
	}

}
