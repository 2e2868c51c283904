package dev.authserver.session;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.authserver.support.Api;
import dev.authserver.support.IntegrationTest;
import dev.authserver.user.InvalidCredentialsException;
import dev.authserver.user.UserAccount;
import dev.authserver.user.UserService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A login whose password check overlaps a disable, a password change or a role change
 * cannot slip past it: the account's row is locked and read again before tokens are issued.
 */
@IntegrationTest
class LoginRaceTest {

	private static final Client CLIENT = new Client("127.0.0.1", "test");

	@Autowired
	SessionService sessions;

	@Autowired
	UserService users;

	@Autowired
	Api api;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void loginWhenDisabledAfterPasswordCheckThenRefusedAndNoSession() {
		String username = Api.uniqueUsername();
		this.api.signup(username);
		UserAccount checked = this.users.authenticate(username, Api.PASSWORD);
		int sessions = sessionCount(username);

		this.users.setEnabled(null, username, false);

		assertThatExceptionOfType(InvalidCredentialsException.class)
			.isThrownBy(() -> this.sessions.start(checked.getId(), checked.getPasswordHash(), CLIENT));
		assertThat(sessionCount(username)).isEqualTo(sessions);
	}

	@Test
	void loginWhenPasswordChangedAfterPasswordCheckThenRefused() {
		String username = Api.uniqueUsername();
		this.api.signup(username);
		UserAccount checked = this.users.authenticate(username, Api.PASSWORD);

		this.users.changePassword(checked.getId(), null, Api.PASSWORD, "a brand new passphrase");

		assertThatExceptionOfType(InvalidCredentialsException.class)
			.isThrownBy(() -> this.sessions.start(checked.getId(), checked.getPasswordHash(), CLIENT));
	}

	@Test
	void loginWhenRolesChangedAfterPasswordCheckThenTokenCarriesNewRoles() {
		String username = Api.uniqueUsername();
		this.api.signup(username);
		UserAccount checked = this.users.authenticate(username, Api.PASSWORD);

		this.users.replaceRoles(null, username, List.of("AUDITOR", "USER"));

		IssuedTokens response = this.sessions.start(checked.getId(), checked.getPasswordHash(), CLIENT);
		assertThat(this.api.get("/api/me", response.accessToken().value())).bodyJson()
			.extractingPath("$.roles")
			.asArray()
			.containsExactly("AUDITOR", "USER");
	}

	@Test
	void disableRacingPasswordChangeThenDisableNeverLost() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 10; round++) {
				String username = Api.uniqueUsername();
				String userId = JsonPath.read(Api.body(this.api.get("/api/me", this.api.signup(username).accessToken())),
						"$.id");
				Future<?> change = pool.submit(() -> {
					try {
						this.users.changePassword(java.util.UUID.fromString(userId), null, Api.PASSWORD,
								"a brand new passphrase");
					}
					catch (InvalidCredentialsException ex) {
						// the disable came first: refused, as it should be
					}
				});
				Future<?> disable = pool.submit(() -> this.users.setEnabled(null, username, false));
				change.get();
				disable.get();
				assertThat(this.jdbc.queryForObject("select enabled from users where username = ?", Boolean.class,
						username))
					.isFalse();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void sameRoleChangeTwiceAtOnceThenBothSucceed() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 10; round++) {
				String username = Api.uniqueUsername();
				this.api.signup(username);
				Future<UserAccount> first = pool.submit(() -> this.users.replaceRoles(null, username, List.of("AUDITOR", "USER")));
				Future<UserAccount> second = pool.submit(() -> this.users.replaceRoles(null, username, List.of("AUDITOR", "USER")));
				assertThat(first.get().getRoles()).containsExactly("AUDITOR", "USER");
				assertThat(second.get().getRoles()).containsExactly("AUDITOR", "USER");
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private int sessionCount(String username) {
		return this.jdbc.queryForObject(
				"select count(*) from sessions s join users u on u.id = s.user_id where u.username = ?", Integer.class,
				username);
	}

}
