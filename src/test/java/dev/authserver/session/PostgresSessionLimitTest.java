package dev.authserver.session;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.authserver.support.Api;
import dev.authserver.support.Api.Tokens;
import dev.authserver.support.PostgresIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SessionLimitTest} on a real PostgreSQL, and what a change to the user's sessions writes
 * of the sessions it leaves as they were: nothing, as the account's lock guards them. PostgreSQL
 * marks a row that a transaction locks or changes with that transaction's id ({@code xmax}), so a
 * row lock on a session would show.
 */
@PostgresIntegrationTest
class PostgresSessionLimitTest extends SessionLimitTest {

	@Test
	void loginUnderTheLimitThenTheOtherSessionsRowsAreNotWritten() {
		String username = Api.uniqueUsername();
		this.api.signup(username);
		this.api.login(username, Api.PASSWORD);

		this.api.login(username, Api.PASSWORD);

		// the transaction that wrote a session may mark it itself, as its refresh token's foreign key
		// check takes a key-share lock on it; no other may
		assertThat(markedByOthers(username)).isEmpty();
		assertThat(liveSessions(username)).isEqualTo(3);
	}

	@Test
	void passwordChangeThenTheSessionItKeepsIsNotWritten() {
		String username = Api.uniqueUsername();
		this.api.signup(username);
		Tokens kept = this.api.login(username, Api.PASSWORD);
		Map<String, String> before = rowVersions(username);
		assertThat(before).hasSize(2);

		MvcTestResult changed = this.api.put("/api/me/password", kept.accessToken(),
				"{\"current_password\":\"" + Api.PASSWORD + "\",\"new_password\":\"another long passphrase of mine\"}");

		assertThat(changed).hasStatus(HttpStatus.NO_CONTENT);
		assertThat(liveSessions(username)).as("the session kept, the signup's ended").isEqualTo(1);
		String keptId = this.jdbc.queryForObject("select s.id::text from sessions s join users u on u.id = s.user_id "
				+ "where u.username = ? and s.ended_at is null", String.class, username);
		assertThat(rowVersions(username).get(keptId)).as("the kept session's row version").isEqualTo(before.get(keptId));
		assertThat(markedByOthers(username)).isEmpty();
	}

	/** The transaction that wrote each session of the user last ({@code xmin}), by the session's id. */
	private Map<String, String> rowVersions(String username) {
		Map<String, String> versions = new HashMap<>();
		this.jdbc.query("select s.id::text, s.xmin::text from sessions s join users u on u.id = s.user_id "
				+ "where u.username = ?", (row) -> {
					versions.put(row.getString(1), row.getString(2));
				}, username);
		return versions;
	}

	/** The xmax of each session of the user that a transaction other than its writer's locked. */
	private List<String> markedByOthers(String username) {
		return this.jdbc.queryForList("select s.xmax::text from sessions s join users u on u.id = s.user_id "
				+ "where u.username = ? and s.xmax::text not in ('0', s.xmin::text)", String.class, username);
	}

}
