package dev.authserver.session;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.authserver.support.Api;
import dev.authserver.support.PostgresIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SessionLimitTest} on a real PostgreSQL, and what a login writes of the user's other
 * sessions: nothing, under the limit. PostgreSQL marks a row that a transaction locks or changes
 * with that transaction's id ({@code xmax}), so a row lock on each live session would show.
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
		List<String> markedByOthers = this.jdbc.queryForList("select s.xmax::text from sessions s "
				+ "join users u on u.id = s.user_id where u.username = ? and s.xmax::text not in ('0', s.xmin::text)",
				String.class, username);
		assertThat(markedByOthers).isEmpty();
		assertThat(liveSessions(username)).isEqualTo(3);
	}

}
