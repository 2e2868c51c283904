package dev.authserver.throttle;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Locks a username after {@code auth.login.max-failures} consecutive failed logins, for
 * {@code auth.login.lockout} (SPEC section 7). It counts per username whether or not an
 * account has it, so the lockout tells nothing about which accounts exist. The counts
 * live in the database, shared by every instance.
 */
@Component
public class LoginLockout {

	private final JdbcTemplate jdbc;

	private final LoginProperties properties;

	private final Clock clock;

	LoginLockout(JdbcTemplate jdbc, LoginProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	/** Throws {@link TooManyAttemptsException} while the username is locked. */
	public void checkNotLocked(String username) {
		List<Timestamp> lockedUntil = this.jdbc.queryForList(
				"select locked_until from login_failures where username_key = ? and locked_until is not null",
				Timestamp.class, key(username));
		Instant now = this.clock.instant();
		if (!lockedUntil.isEmpty() && lockedUntil.get(0).toInstant().isAfter(now)) {
			throw new TooManyAttemptsException(Duration.between(now, lockedUntil.get(0).toInstant()));
		}
	}

	/**
	 * Counts a failed login; returns whether this failure locked the username. The count
	 * starts again after a lockout, so that each lockout takes as many failures.
	 */
	@Transactional
	public boolean recordFailure(String username) {
		String key = key(username);
		// the database keeps microseconds and rounds the rest: a lock rounded up would make
		// Retry-After one second longer than the lockout
		Instant at = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		Timestamp now = Timestamp.from(at);
		Timestamp lockUntil = Timestamp.from(at.plus(this.properties.lockout()));
		int max = this.properties.maxFailures();
		String update = "update login_failures set last_failure_at = ?, "
				+ "locked_until = case when failures + 1 >= ? then ? else locked_until end, "
				+ "failures = case when failures + 1 >= ? then 0 else failures + 1 end where username_key = ?";
		if (this.jdbc.update(update, now, max, lockUntil, max, key) == 0) {
			try {
				boolean locks = max <= 1;
				this.jdbc.update("insert into login_failures (username_key, failures, last_failure_at, locked_until) "
						+ "values (?, ?, ?, ?)", key, locks ? 0 : 1, now, locks ? lockUntil : null);
				return locks;
			}
			catch (DuplicateKeyException ex) {
				// a concurrent failure inserted the row first: count on it
				this.jdbc.update(update, now, max, lockUntil, max, key);
			}
		}
		// a lock resets the count to 0: a row at 0 with a lock in force is the one just set
		return Boolean.TRUE.equals(this.jdbc.query("select failures, locked_until from login_failures where username_key = ?",
				(rows) -> rows.next() && rows.getInt(1) == 0 && rows.getTimestamp(2) != null
						&& rows.getTimestamp(2).toInstant().isAfter(this.clock.instant()),
				key));
	}

	/** A successful login starts the count again. */
	public void reset(String username) {
		this.jdbc.update("delete from login_failures where username_key = ?", key(username));
	}

	/** Forgets counts of usernames with no failure for a lockout period and no lock in force. */
	public int purge() {
		Timestamp before = Timestamp.from(this.clock.instant().minus(this.properties.lockout()));
		return this.jdbc.update("delete from login_failures where last_failure_at < ? and "
				+ "(locked_until is null or locked_until < ?)", before, Timestamp.from(this.clock.instant()));
	}

	private static String key(String username) {
		String key = username.toLowerCase(Locale.ROOT);
		return (key.length() <= 256) ? key : key.substring(0, 256);
	}

}
