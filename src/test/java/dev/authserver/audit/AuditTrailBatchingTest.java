package dev.authserver.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

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

	@Test
	void eventsWhenTheyTrickleInThenWrittenInFewBatches() throws InterruptedException {
		DriverManagerDataSource database = new DriverManagerDataSource(
				"jdbc:h2:mem:audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		Flyway.configure().dataSource(database).load().migrate();
		AtomicInteger writes = new AtomicInteger();
		JdbcTemplate counting = new JdbcTemplate(database) {

			@Override
			public int[] batchUpdate(String sql, List<Object[]> batchArgs) {
				writes.incrementAndGet();
				return super.batchUpdate(sql, batchArgs);
			}

		};
		AuditTrail trail = new AuditTrail(JdbcClient.create(database), counting, Clock.systemUTC(),
				new AuditProperties(Duration.ofDays(30), true), new SimpleMeterRegistry());
		trail.start();
		try {
			// 40 events over about 80 ms, well within one linger
			for (int i = 0; i < 40; i++) {
				trail.record("LOGIN", "success", UUID.randomUUID(), "127.0.0.1", "test");
				Thread.sleep(2);
			}
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(new JdbcTemplate(database)
					.queryForObject("select count(*) from security_events", Integer.class)).isEqualTo(40));
			assertThat(writes.get()).isLessThanOrEqualTo(2);
		}
		finally {
			trail.stop();
		}
	}

}
