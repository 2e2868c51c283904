package dev.authserver.session;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.authserver.support.Api;
import dev.authserver.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A new session or refresh token is inserted, never merged into a row of the same id: a clash
 * of ids fails instead of overwriting a stored row.
 */
@IntegrationTest
class NewSessionRowsTest {

	@Autowired
	Api api;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	SessionStore store;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void saveWhenNewSessionHasTheIdOfAStoredOneThenRefusedAndStoredRowKept() {
		UUID alice = signup();
		UUID stored = this.jdbc.queryForObject("select id from sessions where user_id = ?", UUID.class, alice);
		UUID otherUser = signup();
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Session clash = new Session(stored, otherUser, now, now, now.plusSeconds(60), "clash", "203.0.113.9");

		assertThatException().isThrownBy(() -> inTransaction(() -> this.store.insert(clash)))
			.isInstanceOf(DataIntegrityViolationException.class);
		assertThat(this.jdbc.queryForObject("select user_id from sessions where id = ?", UUID.class, stored))
			.isEqualTo(alice);
	}

	@Test
	void saveWhenNewTokenHasTheIdOfAStoredOneThenRefusedAndStoredRowKept() {
		UUID alice = signup();
		String jti = this.jdbc.queryForObject(
				"select t.jti from refresh_tokens t join sessions s on s.id = t.session_id where s.user_id = ?",
				String.class, alice);
		UUID session = this.jdbc.queryForObject("select session_id from refresh_tokens where jti = ?", UUID.class,
				jti);
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

		assertThatException()
			.isThrownBy(() -> inTransaction(() -> this.store.insertToken(jti, session, now, now.plusSeconds(1))))
			.isInstanceOf(DataIntegrityViolationException.class);
		assertThat(this.jdbc.queryForObject("select state from refresh_tokens where jti = ?", String.class, jti))
			.isEqualTo("ACTIVE");
	}

	/** Signs a new user up (one session, one refresh token); their id. */
	private UUID signup() {
		String username = Api.uniqueUsername();
		this.api.signup(username);
		return this.jdbc.queryForObject("select id from users where username_key = ?", UUID.class,
				username.toLowerCase(java.util.Locale.ROOT));
	}

	private void inTransaction(Runnable work) {
		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> work.run());
	}

}
