package dev.authserver.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows the growth of an embedded H2 file while the server runs (docs/operations.md). With
 * {@code WRITE_DELAY=0}, which makes each commit reach the file before it is answered, every
 * commit writes a chunk of its own, and the pages a later commit does not replace keep their
 * chunk in the file. H2 moves such pages into new chunks, so that the old ones can be freed and
 * their space reused, only in the background thread it starts when {@code WRITE_DELAY} is above
 * zero. This does the same every two seconds through H2's own {@link MVStore#compact}, on the
 * database the pool has open. The server makes one for an embedded H2 URL only; on any other
 * database its first round finds no H2 file and it stops.
 */
final class H2Compaction implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(H2Compaction.class);

	static final Duration INTERVAL = Duration.ofSeconds(2);

	/**
	 * H2's own {@code AUTO_COMPACT_FILL_RATE}: a round moves pages while the chunks together hold
	 * less live data than this share, from every chunk older than H2's retention, emptiest first.
	 */
	private static final int TARGET_FILL_RATE = 90;

	/** The live bytes moved in one round, about what H2's own thread moves under load. */
	private static final int BYTES_PER_ROUND = 4 * 1024 * 1024;

	private final DataSource dataSource;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "h2-compaction");
		thread.setDaemon(true);
		return thread;
	});

	private final ScheduledFuture<?> rounds;

	H2Compaction(DataSource dataSource, Duration interval) {
		this.dataSource = dataSource;
		long millis = interval.toMillis();
		this.rounds = this.scheduler.scheduleWithFixedDelay(this::round, millis, millis, TimeUnit.MILLISECONDS);
	}

	private void round() {
		MVStore store;
		try (Connection connection = this.dataSource.getConnection()) {
			store = embeddedFile(connection);
		}
		catch (SQLException ex) {
			// the database is away: the next round tries again
			logger.debug("No compaction of the H2 file this round", ex);
			return;
		}
		if (store == null) {
			this.rounds.cancel(false);
			return;
		}
		try {
			if (!store.isClosed() && store.compact(TARGET_FILL_RATE, BYTES_PER_ROUND)) {
				// the moved pages are written by this thread when the store is free, else by the next commit
				store.tryCommit();
			}
		}
		catch (RuntimeException ex) {
			// H2 closes the store on an error within it: the server's next commits fail and say so
			logger.warn("The compaction of the H2 file failed", ex);
		}
	}

	/** Whether rounds still come: false once the first found another database, or after {@link #close()}. */
	boolean running() {
		return !this.rounds.isDone() && !this.scheduler.isShutdown();
	}

	/** Whether the URL names an H2 database this process opens from a file: neither in memory nor on a server. */
	static boolean isEmbeddedFile(String url) {
		if (url == null || !url.startsWith("jdbc:h2:")) {
			return false;
		}
		String rest = url.substring("jdbc:h2:".length());
		return !rest.startsWith("mem:") && !rest.startsWith("tcp:") && !rest.startsWith("ssl:");
	}

	/** The store of the embedded H2 file the connection belongs to, or null for any other database. */
	static MVStore embeddedFile(Connection connection) throws SQLException {
		if (!connection.isWrapperFor(JdbcConnection.class)
				|| !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
			return null;
		}
		MVStore store = session.getDatabase().getStore().getMvStore();
		return (store.getFileStore() != null) ? store : null;
	}

	/**
	 * Stops the rounds and waits for one under way, before the pool closes the database: an
	 * interrupt would close H2's file channel under it, so none is sent.
	 */
	@Override
	public void close() throws InterruptedException {
		this.scheduler.shutdown();
		if (!this.scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
			logger.warn("An H2 compaction round still runs as the database closes");
		}
	}

}
