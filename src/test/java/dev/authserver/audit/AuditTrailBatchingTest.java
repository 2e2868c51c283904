package dev.authserver.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The writer of stored events gathers what arrives while it lingers into one batch: a steady
 * trickle of logins costs a few writes a second, not one commit per login.
 */
class AuditTrailBatchingTest {

	private final DriverManagerDataSource database = migrated();

	@Test
	void eventsWhenTheyTrickleInThenWrittenInFewBatches() throws InterruptedException {
		AtomicInteger writes = new AtomicInteger();
		JdbcTemplate counting = new JdbcTemplate(this.database) {

			@Override
			public int[] batchUpdate(String sql, List<Object[]> batchArgs) {
				writes.incrementAndGet();
				return super.batchUpdate(sql, batchArgs);
			}

		};
		AuditTrail trail = new AuditTrail(JdbcClient.create(this.database), counting, Clock.systemUTC(),
				new AuditProperties(Duration.ofDays(30), true), new SimpleMeterRegistry());
		trail.start();
		try {
			// 40 events over about 80 ms, well within one linger
			for (int i = 0; i < 40; i++) {
				trail.record("LOGIN", "success", UUID.randomUUID(), "127.0.0.1", "test");
				Thread.sleep(2);
			}
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(stored()).isEqualTo(40));
			assertThat(writes.get()).isLessThanOrEqualTo(2);
		}
		finally {
			trail.stop();
		}
	}

	@Test
	void stopWhenEventsWaitForTheNextWriteThenWritesThem() {
		AuditTrail trail = new AuditTrail(JdbcClient.create(this.database), new JdbcTemplate(this.database),
				Clock.systemUTC(), new AuditProperties(Duration.ofDays(30), true), new SimpleMeterRegistry());
		trail.start();
		for (int i = 0; i < 5; i++) {
			trail.record("LOGOUT", "success", UUID.randomUUID(), "127.0.0.1", "test");
		}
		trail.stop();

		assertThat(trail.isRunning()).isFalse();
		assertThat(stored()).isEqualTo(5);
	}

	/**
	 * Lifecycles stop from the highest phase down: the trail stops after the web server's graceful
	 * shutdown has let the requests under way finish (their events are written), and before the
	 * web server and the database go.
	 */
	@Test
	void stopsAfterTheWebServersGracefulShutdown() {
		AuditTrail trail = new AuditTrail(JdbcClient.create(this.database), new JdbcTemplate(this.database),
				Clock.systemUTC(), new AuditProperties(Duration.ofDays(30), true), new SimpleMeterRegistry());

		assertThat(trail.getPhase()).isLessThan(WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE)
			.isGreaterThan(WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE);
	}

	private int stored() {
		return new JdbcTemplate(this.database).queryForObject("select count(*) from security_events", Integer.class);
	}

	private static DriverManagerDataSource migrated() {
		DriverManagerDataSource database = new DriverManagerDataSource(
				"jdbc:h2:mem:audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		Flyway.configure().dataSource(database).load().migrate();
		return database;
	}

}
