package dev.authserver.throttle;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.authserver.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A right password's try settles in the login's own transaction: it counts as settled only if
 * that transaction commits; when it rolls back, the try is still the caller's to settle.
 */
@IntegrationTest
class LockoutSettleInTransactionTest {

	@Autowired
	LoginLockout lockout;

	@Autowired
	UsernameKeys usernames;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void succeededInTransactionWhenItCommitsThenTheCountIsGoneAndTheTrySettled() {
		String username = "settle-" + UUID.randomUUID();
		LoginLockout.Attempt attempt = this.lockout.reserve(username);
		assertThat(failures(username)).containsExactly(1);

		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> attempt.succeededInTransaction());

		assertThat(failures(username)).isEmpty();
		// settled: a later outcome changes nothing
		assertThat(attempt.failed()).isFalse();
		assertThat(failures(username)).isEmpty();
	}

	@Test
	void succeededInTransactionWhenItRollsBackThenTheTryStaysForTheCallerToSettle() {
		String username = "rollback-" + UUID.randomUUID();
		LoginLockout.Attempt attempt = this.lockout.reserve(username);

		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> {
			attempt.succeededInTransaction();
			status.setRollbackOnly();
		});

		assertThat(failures(username)).containsExactly(1);
		attempt.cancelled();
		assertThat(failures(username)).containsExactly(0);
	}

	@Test
	void succeededInTransactionWhenNoTransactionThenRefusedBeforeAnythingIsWritten() {
		String username = "outside-" + UUID.randomUUID();
		LoginLockout.Attempt attempt = this.lockout.reserve(username);

		assertThatIllegalStateException().isThrownBy(attempt::succeededInTransaction);
		assertThat(failures(username)).containsExactly(1);
		attempt.cancelled();
	}

	@Test
	void reserveWhenTheUsernameHasACountThenItCountsOn() {
		String username = "counted-" + UUID.randomUUID();
		LoginLockout.Attempt first = this.lockout.reserve(username);
		LoginLockout.Attempt second = this.lockout.reserve(username);
		assertThat(failures(username)).containsExactly(2);
		first.cancelled();
		second.cancelled();
	}

	@Test
	void abandonedWhenTheDatabaseIsAwayThenTheTryStaysCountedButIsNoLongerUnderWay() {
		String username = "abandoned-" + UUID.randomUUID();
		// as many tries abandoned as the instance lets be under way at once: none of them holds a place
		for (int i = 0; i < 20; i++) {
			LoginLockout.Attempt attempt = this.lockout.reserve(username);
			attempt.abandoned();
			this.jdbc.update("delete from login_failures where username_key = ?", this.usernames.of(username));
		}
		LoginLockout.Attempt next = this.lockout.reserve(username);
		assertThat(failures(username)).containsExactly(1);
		next.cancelled();
	}

	private List<Integer> failures(String username) {
		return this.jdbc.queryForList("select failures from login_failures where username_key = ?", Integer.class,
				this.usernames.of(username));
	}

}
