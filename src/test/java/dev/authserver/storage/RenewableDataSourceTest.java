package dev.authserver.storage;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The data source's close against a renewal under way: the pool closed is the last one made, as
 * on the H2 default that close is what closes and compacts the database (docs/operations.md).
 */
@Timeout(30)
class RenewableDataSourceTest {

	private final String url = "jdbc:h2:mem:renewable-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	private final List<HikariDataSource> made = new CopyOnWriteArrayList<>();

	private final CountDownLatch making = new CountDownLatch(1);

	private final CountDownLatch madeMayReturn = new CountDownLatch(1);

	@Test
	void whenClosedWhileANewPoolIsMadeThenThatPoolIsClosedToo() throws Exception {
		RenewableDataSource dataSource = new RenewableDataSource(pools());
		// the first pool gives no connection: the probe finds the database and makes a second pool
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> dataSource.getConnection().close());
		assertThat(this.making.await(10, TimeUnit.SECONDS)).as("a second pool is being made").isTrue();

		Thread closing = new Thread(dataSource::close, "closing");
		closing.start();
		// the close either waits for the renewal or has already run past it
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (closing.getState() != Thread.State.BLOCKED && closing.isAlive() && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		this.madeMayReturn.countDown();
		closing.join(10_000);
		assertThat(closing.isAlive()).as("close returned").isFalse();
		deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while ((this.made.size() < 2 || dataSource.getTargetDataSource() != this.made.get(1))
				&& System.nanoTime() < deadline) {
			Thread.sleep(10);
		}

		assertThat(this.made).as("pools made").hasSize(2);
		assertThat(dataSource.getTargetDataSource()).as("the pool in use").isSameAs(this.made.get(1));
		assertThat(this.made).as("pools made, all closed").allMatch(HikariDataSource::isClosed);
	}

	private Supplier<HikariDataSource> pools() {
		return () -> {
			HikariDataSource pool = new HikariDataSource();
			pool.setJdbcUrl(this.url);
			pool.setUsername("sa");
			pool.setPassword("");
			pool.setConnectionTimeout(250);
			if (this.made.isEmpty()) {
				// starts without a connection and never gets one: each new connection fails its init SQL
				pool.setInitializationFailTimeout(-1);
				pool.setConnectionInitSql("SELECT * FROM no_such_table");
			}
			else {
				this.making.countDown();
				awaitUninterruptibly(this.madeMayReturn);
			}
			this.made.add(pool);
			return pool;
		};
	}

	/** The close interrupts the probe's thread; the renewal goes on, as it would in a JDBC call. */
	private static void awaitUninterruptibly(CountDownLatch latch) {
		boolean interrupted = false;
		while (true) {
			try {
				latch.await();
				break;
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

}
