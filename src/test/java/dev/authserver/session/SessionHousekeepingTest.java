package dev.authserver.session;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.authserver.support.Api;
import dev.authserver.support.Api.Tokens;
import dev.authserver.support.IntegrationTest;
import dev.authserver.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/** The purge of old rows and the poll of revocations made by other instances. */
@IntegrationTest
class SessionHousekeepingTest {

	@Autowired
	Api api;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	SessionPurge purge;

	@Autowired
	AccessTokenRevocations revocations;

	@Test
	void purgeWhenEverythingExpiredThenSessionAndTokensDeleted() {
		Tokens first = this.api.signup();
		Tokens second = Tokens.of(this.api.refresh(first.refreshToken()));
		this.api.refresh(second.refreshToken());
		UUID session = sessionOf(first);
		this.clock.advance(Duration.ofDays(15));

		assertThat(this.purge.purge()).isPositive();

		assertThat(count("select count(*) from refresh_tokens where session_id = ?", session)).isZero();
		assertThat(count("select count(*) from sessions where id = ?", session)).isZero();
	}

	@Test
	void refreshThenSessionUsedNowAndExpiringWithItsNewestToken() {
		Tokens first = this.api.signup();
		this.clock.advance(Duration.ofDays(3));
		Tokens second = Tokens.of(this.api.refresh(first.refreshToken()));

		UUID session = sessionOf(first);
		Instant newestExpiry = Instant.ofEpochSecond(JsonPath.<Number>read(payload(second.refreshToken()), "$.exp")
			.longValue());
		assertThat(instant("select last_used_at from sessions where id = ?", session))
			.isEqualTo(this.clock.instant().truncatedTo(ChronoUnit.SECONDS));
		assertThat(instant("select expires_at from sessions where id = ?", session)).isEqualTo(newestExpiry);
		assertThat(instant("select expires_at from refresh_tokens where session_id = ? and state = 'ACTIVE'", session))
			.isEqualTo(newestExpiry);
	}

	@Test
	void purgeNeverDeletesSpentTokenStillNeededToDetectReuse() {
		Tokens first = this.api.signup();
		Tokens second = Tokens.of(this.api.refresh(first.refreshToken()));
		// the spent token expires at day 14: a minute before, its row must still be there
		this.clock.advance(Duration.ofDays(14).minusMinutes(1));

		this.purge.purge();

		assertThat(count("select count(*) from refresh_tokens where session_id = ?", sessionOf(first))).isEqualTo(2);
		// the spent token is still recognised: presenting it ends the session
		assertThat(this.api.refresh(first.refreshToken())).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.api.refresh(second.refreshToken())).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void purgeKeepsEndedSessionUntilItsAccessTokensExpired() {
		Tokens tokens = this.api.signup();
		UUID session = sessionOf(tokens);
		assertThat(this.api.logout(tokens.refreshToken())).hasStatus(HttpStatus.NO_CONTENT);

		this.purge.purge();
		assertThat(count("select count(*) from sessions where id = ?", session)).isEqualTo(1);

		this.clock.advance(Duration.ofMinutes(20));
		this.purge.purge();
		assertThat(count("select count(*) from sessions where id = ?", session)).isZero();
		assertThat(count("select count(*) from refresh_tokens where session_id = ?", session)).isZero();
	}

	@Test
	void purgeWhenRevocationAcknowledgedOnTheEventFeedThenTheAcknowledgementGoesWithIt() {
		Tokens tokens = this.api.signup();
		UUID session = sessionOf(tokens);
		assertThat(this.api.logout(tokens.refreshToken())).hasStatus(HttpStatus.NO_CONTENT);
		Long seq = this.jdbc.queryForObject("select seq from revocations where session_id = ?", Long.class, session);
		this.jdbc.update("insert into event_acks (seq, receiver_id) values (?, 'orders')", seq);

		this.clock.advance(Duration.ofMinutes(20));
		this.purge.purge();

		assertThat(count("select count(*) from revocations where seq = ?", seq)).isZero();
		assertThat(count("select count(*) from event_acks where seq = ?", seq)).isZero();
	}

	@Test
	void purgeWhenMoreRowsThanOneBatchThenAllGo() {
		Tokens tokens = this.api.signup();
		UUID session = sessionOf(tokens);
		Timestamp old = Timestamp.from(this.clock.instant().minus(Duration.ofDays(30)));
		for (int i = 0; i < 2500; i++) {
			this.jdbc.update("insert into refresh_tokens (jti, session_id, state, issued_at, expires_at) "
					+ "values (?, ?, 'SPENT', ?, ?)", "old-" + i + "-" + session.toString().substring(0, 8), session, old,
					old);
		}
		this.purge.purge();
		assertThat(count("select count(*) from refresh_tokens where session_id = ?", session)).isEqualTo(1);
		assertThat(this.api.refresh(tokens.refreshToken())).hasStatusOk();
	}

	@Test
	void pollWhenAnotherInstanceRevokedUserThenTokenRefused() {
		Tokens tokens = this.api.signup();
		UUID userId = UUID.fromString(JsonPath.read(payload(tokens.accessToken()), "$.sub"));
		assertThat(this.api.get("/api/me", tokens.accessToken())).hasStatusOk();
		// what another instance's logout-all writes
		this.jdbc.update("insert into revocations (user_id, session_id, revoked_at) values (?, null, ?)", userId,
				Timestamp.from(this.clock.instant()));

		this.revocations.poll();

		assertThat(this.api.get("/api/me", tokens.accessToken())).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void pollWhenAnotherInstanceEndedSessionThenItsAccessTokenRefused() {
		Tokens tokens = this.api.signup();
		UUID userId = UUID.fromString(JsonPath.read(payload(tokens.accessToken()), "$.sub"));
		// what another instance's logout writes
		this.jdbc.update("update sessions set ended_at = ? where id = ?", Timestamp.from(this.clock.instant()),
				sessionOf(tokens));
		this.jdbc.update("insert into revocations (user_id, session_id, revoked_at) values (?, ?, ?)", userId,
				sessionOf(tokens), Timestamp.from(this.clock.instant()));

		this.revocations.poll();

		assertThat(this.api.get("/api/me", tokens.accessToken())).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void pollWhenRevocationsOlderThanAccessTokenLifetimeThenForgotten() {
		Tokens tokens = this.api.signup();
		UUID userId = UUID.fromString(JsonPath.read(payload(tokens.accessToken()), "$.sub"));
		assertThat(this.api.post("/api/auth/logout-all", tokens.accessToken(), null)).hasStatus(HttpStatus.NO_CONTENT);
		this.revocations.poll();
		assertThat(this.revocations.remembersUser(userId)).isTrue();
		assertThat(this.revocations.remembersSession(sessionOf(tokens))).isTrue();

		this.clock.advance(Duration.ofHours(1));
		this.revocations.poll();

		// every token they could refuse has expired: memory holds one access-token lifetime only
		assertThat(this.revocations.remembersUser(userId)).isFalse();
		assertThat(this.revocations.remembersSession(sessionOf(tokens))).isFalse();
	}

	private Instant instant(String sql, Object argument) {
		return this.jdbc.queryForObject(sql, Timestamp.class, argument).toInstant();
	}

	private int count(String sql, Object argument) {
		return this.jdbc.queryForObject(sql, Integer.class, argument);
	}

	private static UUID sessionOf(Tokens tokens) {
		return UUID.fromString(JsonPath.read(payload(tokens.refreshToken()), "$.sid"));
	}

	private static String payload(String token) {
		return new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
	}

}
