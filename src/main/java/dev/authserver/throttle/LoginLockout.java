package dev.authserver.throttle;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
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

	private final JdbcTemplate jdbc;

	private final LoginProperties properties;

	private final UsernameKeys usernames;

	private final Clock clock;

	/** Every statement on its own, outside any caller's transaction: a failed insert spoils nothing. */
	private final TransactionTemplate autocommit;

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
	 */
	public Attempt reserve(String username) {
		String key = this.usernames.of(username);
		return this.autocommit.execute((status) -> {
			Instant now = now();
			Timestamp at = Timestamp.from(now);
			Timestamp stale = Timestamp.from(now.minus(this.properties.lockout()));
			int max = this.properties.maxFailures();
			if (this.jdbc.update(RESERVE, stale, at, key, max, stale, at) == 1 || insertFirst(key, at)
					|| this.jdbc.update(RESERVE, stale, at, key, max, stale, at) == 1) {
				return new Attempt(key);
			}
			throw new TooManyAttemptsException(retryAfter(key, now));
		});
	}

	private boolean insertFirst(String key, Timestamp at) {
		try {
			return this.jdbc.update("insert into login_failures (username_key, failures, last_attempt_at, "
					+ "locked_until) values (?, 1, ?, null)", key, at) == 1;
		}
		catch (DuplicateKeyException ex) {
			// the row exists: locked, at its maximum, or inserted by a concurrent try just now
			return false;
		}
	}

	/** Until the lock ends; while tries of others are still under way, a second. */
	private Duration retryAfter(String key, Instant now) {
		List<Timestamp> lockedUntil = this.jdbc.queryForList(
				"select locked_until from login_failures where username_key = ? and locked_until is not null",
				Timestamp.class, key);
		if (!lockedUntil.isEmpty() && lockedUntil.get(0).toInstant().isAfter(now)) {
			return Duration.between(now, lockedUntil.get(0).toInstant());
		}
		return Duration.ofSeconds(1);
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

	/** One reserved password try, to be settled once its outcome is known. */
	public final class Attempt {

		private final String key;

		private Attempt(String key) {
			this.key = key;
		}

		/**
		 * The password was right: the count starts again, unless a lock is in force (set by a
		 * concurrent failure), which a success never lifts.
		 */
		public void succeeded() {
			Timestamp now = Timestamp.from(now());
			LoginLockout.this.autocommit.executeWithoutResult((status) -> LoginLockout.this.jdbc.update(
					"delete from login_failures where username_key = ? and (locked_until is null or locked_until <= ?)",
					this.key, now));
		}

		/** The password was wrong; whether this failure locked the username. */
		public boolean failed() {
			Instant now = now();
			return Boolean.TRUE.equals(LoginLockout.this.autocommit.execute((status) -> LoginLockout.this.jdbc.update(
					"update login_failures set locked_until = ? where username_key = ? and failures >= ? "
							+ "and (locked_until is null or locked_until <= ?)",
					Timestamp.from(now.plus(LoginLockout.this.properties.lockout())), this.key,
					LoginLockout.this.properties.maxFailures(), Timestamp.from(now)) == 1));
		}

		/** No password was checked after all (the server was too busy to hash it): the try is given back. */
		public void cancelled() {
			LoginLockout.this.autocommit.executeWithoutResult((status) -> LoginLockout.this.jdbc.update(
					"update login_failures set failures = failures - 1 where username_key = ? and failures > 0 "
							+ "and locked_until is null",
					this.key));
		}

	}

}
