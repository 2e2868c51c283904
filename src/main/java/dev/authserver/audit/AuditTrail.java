package dev.authserver.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The stored security events. A request only puts its event in a bounded queue, which costs it
 * nanoseconds and never fails it; one thread writes what gathered in the last {@link #LINGER}
 * in batches, a commit each, instead of a write per login or refresh. When the queue is full
 * (the database slow or away under a burst) an event is dropped and counted in
 * {@code auth.audit.dropped}, rather than slowing or failing the request it describes: the log
 * line and the counter of {@link SecurityEvents} still have it.
 */
@Component
public class AuditTrail implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(AuditTrail.class);

	static final int QUEUE_SIZE = 10_000;

	private static final int BATCH_SIZE = 500;

	private static final int PURGE_BATCH_SIZE = 1000;

	/** How long the writer gathers events between writes. */
	static final Duration LINGER = Duration.ofMillis(200);

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	private final Clock clock;

	private final AuditProperties properties;

	private final BlockingQueue<StoredEvent> queue = new ArrayBlockingQueue<>(QUEUE_SIZE);

	private final Object writing = new Object();

	/** What the writer waits on between writes; {@link #stop()} wakes it. */
	private final Object wakeup = new Object();

	private final Counter dropped;

	private volatile Thread writer;

	/** Whether the last write failed: a failure is logged once, and the recovery once. */
	private boolean failing;

	AuditTrail(JdbcClient jdbc, JdbcTemplate batches, Clock clock, AuditProperties properties, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.batches = batches;
		this.clock = clock;
		this.properties = properties;
		this.dropped = Counter.builder("auth.audit.dropped")
			.description("Security events not stored: the queue to the database was full")
			.register(meters);
	}

	/** Queues an event to be stored; never blocks. */
	void record(String type, String outcome, UUID userId, String clientIp, String userAgent) {
		if (!this.properties.store()) {
			return;
		}
		StoredEvent event = new StoredEvent(0, type, outcome, userId, truncate(clientIp, 64), truncate(userAgent, 512),
				this.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
		if (!this.queue.offer(event)) {
			this.dropped.increment();
		}
	}

	/** A page of stored events, newest first, each filter applied when not {@code null}. */
	public Page<StoredEvent> find(String type, UUID userId, Instant since, Pageable page) {
		StringBuilder where = new StringBuilder(" where 1 = 1");
		List<Object> params = new ArrayList<>();
		if (type != null) {
			where.append(" and e.type = ?");
			params.add(type);
		}
		if (userId != null) {
			where.append(" and e.user_id = ?");
			params.add(userId);
		}
		if (since != null) {
			where.append(" and e.occurred_at >= ?");
			params.add(Timestamp.from(since));
		}
		long total = this.jdbc.sql("select count(*) from security_events e" + where).params(params).query(Long.class)
			.single();
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(page.getOffset());
		pageParams.add(page.getPageSize());
		List<StoredEvent> events = this.jdbc.sql("select e.id, e.type, e.outcome, e.user_id, e.client_ip, e.user_agent, "
				+ "e.occurred_at from security_events e" + where
				+ " order by e.occurred_at desc, e.id desc offset ? rows fetch next ? rows only")
			.params(pageParams)
			.query((row, index) -> new StoredEvent(row.getLong(1), row.getString(2), row.getString(3),
					row.getObject(4, UUID.class), row.getString(5), row.getString(6), row.getTimestamp(7).toInstant()))
			.list();
		return new PageImpl<>(events, page, total);
	}

	/** Deletes the events older than the retention, in batches, every hour; how many went. */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
	public int purge() {
		Timestamp before = Timestamp.from(this.clock.instant().minus(this.properties.retention()));
		int deleted = 0;
		int batch;
		do {
			batch = this.jdbc.sql("delete from security_events where id in (select id from security_events "
					+ "where occurred_at < ? fetch first " + PURGE_BATCH_SIZE + " rows only)")
				.param(before)
				.update();
			deleted += batch;
		}
		while (batch == PURGE_BATCH_SIZE);
		return deleted;
	}

	/** Writes what waits now, on the caller's thread: for the writer, and for tests. */
	public void flush() {
		// one writer at a time: an event is in the queue or in a write under this lock, so a flush
		// returns once every event recorded before it is written
		synchronized (this.writing) {
			List<StoredEvent> batch = new ArrayList<>(BATCH_SIZE);
			while (this.queue.drainTo(batch, BATCH_SIZE) > 0) {
				write(batch);
				batch.clear();
			}
		}
	}

	private void write(List<StoredEvent> batch) {
		try {
			List<Object[]> rows = batch.stream()
				.map((event) -> new Object[] { event.type(), event.outcome(), event.userId(), event.clientIp(),
						event.userAgent(), Timestamp.from(event.at()) })
				.toList();
			this.batches.batchUpdate("insert into security_events (type, outcome, user_id, client_ip, user_agent, "
					+ "occurred_at) values (?, ?, ?, ?, ?, ?)", rows);
			if (this.failing) {
				this.failing = false;
				logger.info("Security events are stored again");
			}
		}
		catch (RuntimeException ex) {
			this.dropped.increment(batch.size());
			if (!this.failing) {
				this.failing = true;
				logger.warn("Could not store security events; they are logged but not stored until the database "
						+ "answers: {}", ex.getMessage());
			}
		}
	}

	/** Writes what waits, every {@link #LINGER}, until stopped; then what is left. */
	private void run() {
		Thread self = Thread.currentThread();
		while (this.writer == self) {
			try {
				synchronized (this.wakeup) {
					if (this.writer == self) {
						this.wakeup.wait(LINGER.toMillis());
					}
				}
			}
			catch (InterruptedException ex) {
				self.interrupt();
				break;
			}
			flush();
		}
		flush();
	}

	private static String truncate(String value, int length) {
		return (value == null || value.length() <= length) ? value : value.substring(0, length);
	}

	@Override
	public void start() {
		Thread thread = new Thread(this::run, "audit-writer");
		thread.setDaemon(true);
		this.writer = thread;
		thread.start();
	}

	/**
	 * Writes what waits before the database goes. The writer is woken, not interrupted, so that a
	 * write under way finishes.
	 */
	@Override
	public void stop() {
		Thread thread = this.writer;
		this.writer = null;
		if (thread != null) {
			synchronized (this.wakeup) {
				this.wakeup.notifyAll();
			}
			try {
				thread.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.writer != null;
	}

	/**
	 * Stops after the web server's graceful shutdown, so that the events of the requests it lets
	 * finish are written too; and before the database goes.
	 */
	@Override
	public int getPhase() {
		return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1;
	}

	/**
	 * A stored security event.
	 *
	 * @param id its number, in the order written
	 * @param type the kind, as in the log's {@code event} field
	 * @param outcome {@code success} or {@code failure}
	 * @param userId the user, when the event has one
	 * @param clientIp the client's address
	 * @param userAgent the client's {@code User-Agent}
	 * @param at when
	 */
	public record StoredEvent(long id, String type, String outcome, UUID userId, String clientIp, String userAgent,
			Instant at) {
	}

}
