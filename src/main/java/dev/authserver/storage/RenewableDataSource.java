package dev.authserver.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The connection pool, renewed when the database comes back (docs/operations.md). Once the pool
 * fails to give a connection, the database is tried directly every quarter of a second, and
 * the moment it answers, a new pool replaces the old one: HikariCP retries a lost database with
 * a back-off that reaches five seconds, and every request would wait for its next try.
 */
public class RenewableDataSource extends DelegatingDataSource implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RenewableDataSource.class);

	private static final long PROBE_MILLIS = 250;

	private final Supplier<HikariDataSource> pools;

	private final AtomicBoolean probing = new AtomicBoolean();

	private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "database-probe");
		thread.setDaemon(true);
		return thread;
	});

	public RenewableDataSource(Supplier<HikariDataSource> pools) {
		super(pools.get());
		this.pools = pools;
	}

	@Override
	public Connection getConnection() throws SQLException {
		try {
			return super.getConnection();
		}
		catch (SQLException ex) {
			probe();
			throw ex;
		}
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		try {
			return super.getConnection(username, password);
		}
		catch (SQLException ex) {
			probe();
			throw ex;
		}
	}

	/** Starts trying the database directly, unless that is under way. */
	private void probe() {
		if (this.probing.compareAndSet(false, true)) {
			this.prober.schedule(this::tryDatabase, PROBE_MILLIS, TimeUnit.MILLISECONDS);
		}
	}

	private void tryDatabase() {
		HikariDataSource pool = (HikariDataSource) obtainTargetDataSource();
		Properties properties = new Properties();
		properties.putAll(pool.getDataSourceProperties());
		if (pool.getUsername() != null) {
			properties.setProperty("user", pool.getUsername());
		}
		if (pool.getPassword() != null) {
			properties.setProperty("password", pool.getPassword());
		}
		try (Connection connection = DriverManager.getConnection(pool.getJdbcUrl(), properties)) {
			if (connection.isValid(1)) {
				renew(pool);
				this.probing.set(false);
				return;
			}
		}
		catch (SQLException | RuntimeException ex) {
			// still away: try again shortly
		}
		this.prober.schedule(this::tryDatabase, PROBE_MILLIS, TimeUnit.MILLISECONDS);
	}

	/** Replaces the pool, unless the data source is closed: a pool made after that would stay open. */
	private synchronized void renew(HikariDataSource old) {
		// the prober is shut down by close() alone, under the same lock
		if (this.prober.isShutdown()) {
			return;
		}
		HikariDataSource fresh = this.pools.get();
		// the pool's metrics go on, under the new pool's name
		if (old.getMetricsTrackerFactory() != null) {
			fresh.setMetricsTrackerFactory(old.getMetricsTrackerFactory());
		}
		setTargetDataSource(fresh);
		logger.info("The database answers: a new connection pool replaces the one that lost it");
		// connections of the old pool still in use are closed as they are given back
		old.close();
	}

	/**
	 * Closes the pool, and with it, on the H2 default, the database (docs/operations.md); a
	 * renewal under way ends first, so the pool closed is the last one made.
	 */
	@Override
	public synchronized void close() {
		this.prober.shutdownNow();
		((HikariDataSource) obtainTargetDataSource()).close();
	}

}
