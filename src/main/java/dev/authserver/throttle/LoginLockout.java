package dev.authserver.throttle;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Locks a username after {@code auth.login.max-failures} consecutive failed logins, for
 * {@code auth.login.lockout} (docs/security.md). Each password try is reserved before the
 * password is hashed, by one statement that the database runs atomically, so that however many
 * requests arrive at once, at most that many passwords are tried per lockout window. It counts
 * per username whether or not an account has it, so the lockout tells nothing about which
 * accounts exist; the counts live in the database, shared by every instance, keyed by
 * {@link UsernameKeys}.
 */
@Component
public class LoginLockout {

	/**
	 * The reservation. A try is allowed when no lock is in force and fewer than the maximum
	 * are counted; a lock that has passed starts the count again. Reservations never settled
	 * (an instance that stopped mid-login) hold the username for one lockout period at most.
	 */
	private static final String RESERVE = "update login_failures set "
			+ "failures = case when locked_until is not null or last_attempt_at < ? then 1 else failures + 1 end, "
			+ "locked_until = null, last_attempt_at = ? where username_key = ? "
			+ "and ((locked_until is null and (failures < ? or last_attempt_at < ?)) or locked_until <= ?)";

	/** A right password: the count starts again, unless a lock is in force. */
	private static final String SUCCEEDED = "delete from login_failures where username_key = ? "
			+ "and (locked_until is null or locked_until <= ?)";

	private final JdbcTemplate jdbc;

	private final LoginProperties properties;

	private final UsernameKeys usernames;

	private final Clock clock;

	/** Every statement on its own, outside any caller's transaction: a failed insert spoils nothing. */
	private final TransactionTemplate autocommit;

	/** This instance's tries under way, by username key. */
	private final Map<String, AtomicInteger> underWay = new ConcurrentHashMap<>();

	LoginLockout(JdbcTemplate jdbc, LoginProperties properties, UsernameKeys usernames,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.usernames = usernames;
		this.clock = clock;
		this.autocommit = new TransactionTemplate(transactionManager);
		this.autocommit.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
	}

	/**
	 * Reserves one password try for the username, or throws {@link TooManyAttemptsException}
	 * while it is locked or as many tries as allowed are under way. The try must then be
	 * settled: {@link Attempt#succeeded()}, {@link Attempt#failed()} or {@link Attempt#cancelled()}.
	 * When this instance alone has as many tries under way, it refuses without asking the
	 * database, so a flood of logins for one username costs the database little.
	 */
	public Attempt reserve(String username) {
		String key = this.usernames.of(username);
		Instant now = now();
		AtomicInteger underWay = this.underWay.computeIfAbsent(key, (k) -> new AtomicInteger());
		if (underWay.incrementAndGet() > this.properties.maxFailures()) {
			release(key, underWay);
			throw new TooManyAttemptsException(Duration.ofSeconds(1));
		}
		try {
			this.autocommit.executeWithoutResult((status) -> reserveInDatabase(key, now));
			return new Attempt(key, underWay);
		}
		catch (RuntimeException ex) {
			release(key, underWay);
			throw ex;
		}
	}

	private void reserveInDatabase(String key, Instant now) {
		Timestamp at = Timestamp.from(now);
		Timestamp stale = Timestamp.from(now.minus(this.properties.lockout()));
		int max = this.properties.maxFailures();
		// the usual case, one statement: the username has no count (a right password deletes it)
		if (insertFirstTry(key, at)) {
			return;
		}
		if (this.jdbc.update(RESERVE, stale, at, key, max, stale, at) == 1) {
			return;
		}
		List<Timestamp> row = this.jdbc.query("select locked_until from login_failures where username_key = ?",
				(rows, index) -> rows.getTimestamp(1), key);
		// deleted meanwhile by a right password: a first try again, or a concurrent one's to count on
		if (row.isEmpty() && (insertFirstTry(key, at) || this.jdbc.update(RESERVE, stale, at, key, max, stale, at) == 1)) {
			return;
		}
		Timestamp lockedUntil = row.isEmpty() ? null : row.get(0);
		if (lockedUntil != null && lockedUntil.toInstant().isAfter(now)) {
			throw new TooManyAttemptsException(Duration.between(now, lockedUntil.toInstant()));
		}
		// as many tries as allowed are under way, on this instance or others
		throw new TooManyAttemptsException(Duration.ofSeconds(1));
	}

	/** Counts the username's first try; false when it has a count already. */
	private boolean insertFirstTry(String key, Timestamp at) {
		try {
			this.jdbc.update("insert into login_failures (username_key, failures, last_attempt_at, locked_until) "
					+ "values (?, 1, ?, null)", key, at);
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	private void release(String key, AtomicInteger underWay) {
		if (underWay.decrementAndGet() <= 0) {
			this.underWay.remove(key, underWay);
		}
	}

	/** Forgets counts of usernames with no try for a lockout period and no lock in force. */
	public int purge() {
		Instant now = now();
		return this.jdbc.update("delete from login_failures where last_attempt_at < ? and "
				+ "(locked_until is null or locked_until < ?)", Timestamp.from(now.minus(this.properties.lockout())),
				Timestamp.from(now));
	}

	/** The database keeps microseconds: a lock rounded up would make Retry-After a second too long. */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	/** One reserved password try, to be settled once, when its outcome is known. */
	public final class Attempt {

		private final String key;

		private final AtomicInteger underWay;

		private final AtomicBoolean settled = new AtomicBoolean();

		private Attempt(String key, AtomicInteger underWay) {
			this.key = key;
			this.underWay = underWay;
		}

		/**
		 * The password was right: the count starts again, unless a lock is in force (set by a
		 * concurrent failure), which a success never lifts.
		 */
		public void succeeded() {
			settle(SUCCEEDED, this.key, Timestamp.from(now()));
		}

		/**
		 * As {@link #succeeded()}, within the caller's transaction, which saves a commit: the try
		 * is settled when that transaction commits; when it rolls back, the try stays unsettled for
		 * the caller to settle as the outcome says.
		 *
		 * @throws IllegalStateException outside a transaction
		 */
		public void succeededInTransaction() {
			// registered first: outside a transaction it throws before anything is written
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCompletion(int status) {
					if (status == STATUS_COMMITTED && Attempt.this.settled.compareAndSet(false, true)) {
						release(Attempt.this.key, Attempt.this.underWay);
					}
				}

			});
			LoginLockout.this.jdbc.update(SUCCEEDED, this.key, Timestamp.from(now()));
		}

		/** The password was wrong; whether this failure locked the username. */
		public boolean failed() {
			Instant now = now();
			Instant until = now.plus(LoginLockout.this.properties.lockout());
			return settle("update login_failures set locked_until = ? where username_key = ? "
					+ "and failures >= ? and (locked_until is null or locked_until <= ?)", Timestamp.from(until), this.key,
					LoginLockout.this.properties.maxFailures(), Timestamp.from(now)) == 1;
		}

		/**
		 * The outcome cannot be written (the database is away): the try stays counted in the
		 * database until its lockout window ends, and is no longer under way on this instance.
		 */
		public void abandoned() {
			if (this.settled.compareAndSet(false, true)) {
				release(this.key, this.underWay);
			}
		}

		/** No password was checked after all (the server was too busy to hash it): the try is given back. */
		public void cancelled() {
			settle("update login_failures set failures = failures - 1 where username_key = ? and failures > 0 "
					+ "and locked_until is null", this.key);
		}

		private int settle(String sql, Object... arguments) {
			if (!this.settled.compareAndSet(false, true)) {
				return 0;
			}
			try {
				Integer rows = LoginLockout.this.autocommit
					.execute((status) -> LoginLockout.this.jdbc.update(sql, arguments));
				return (rows != null) ? rows : 0;
			}
			finally {
				release(this.key, this.underWay);
			}
		}

	}

}
