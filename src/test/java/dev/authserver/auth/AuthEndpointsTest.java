package dev.authserver.auth;

import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.authserver.support.Api;
import dev.authserver.support.Api.Tokens;
import dev.authserver.support.IntegrationTest;
import dev.authserver.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signup, login, refresh and logout as a client sees them (the endpoint table in the README,
 * docs/tokens.md and docs/sessions.md).
 */
@IntegrationTest
class AuthEndpointsTest {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private Api api;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MutableClock clock;

	@Test
	void signupWhenValidThenCreatedWithTokenResponse() {
		MvcTestResult result = this.api.post("/api/auth/signup",
				"{\"username\":\"" + Api.uniqueUsername() + "\",\"password\":\"" + Api.PASSWORD + "\"}");
		assertThat(result).hasStatus(HttpStatus.CREATED)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.headers()
			.hasValue("Cache-Control", "no-store")
			.hasValue("Pragma", "no-cache");
		assertThat(result).bodyJson().extractingPath("$.token_type").isEqualTo("Bearer");
		assertThat(result).bodyJson().extractingPath("$.expires_in").isEqualTo(900);
		assertThat(result).bodyJson().extractingPath("$.refresh_expires_in").isEqualTo(1209600);
		assertThat(result).bodyJson().extractingPath("$.access_token").asString().isNotBlank();
		assertThat(result).bodyJson().extractingPath("$.refresh_token").asString().isNotBlank();
	}

	@Test
	void signupWhenClientAcceptsOnlyHtmlThenStillJsonAndCreatedOnce() {
		String username = Api.uniqueUsername();
		MvcTestResult result = this.mvc.post()
			.uri("/api/auth/signup")
			.accept(MediaType.TEXT_HTML)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"" + username + "\",\"password\":\"" + Api.PASSWORD + "\"}")
			.exchange();
		assertThat(result).hasStatus(HttpStatus.CREATED).hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
		MvcTestResult again = this.mvc.post()
			.uri("/api/auth/signup")
			.accept(MediaType.APPLICATION_XML)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"" + username + "\",\"password\":\"" + Api.PASSWORD + "\"}")
			.exchange();
		assertThat(again).hasStatus(HttpStatus.CONFLICT)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void signupWhenClientSendsRolesThenOnlyUserRole() {
		String username = Api.uniqueUsername();
		MvcTestResult result = this.api.post("/api/auth/signup", "{\"username\":\"" + username + "\",\"password\":\""
				+ Api.PASSWORD + "\",\"roles\":[\"ADMIN\"],\"role\":\"ADMIN\",\"enabled\":false}");
		assertThat(result).hasStatus(HttpStatus.CREATED);
		String accessToken = Tokens.of(result).accessToken();
		assertThat(this.api.get("/api/me", accessToken)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.roles")
			.asArray()
			.containsExactly("USER");
		assertThat(this.jdbc.queryForList(
				"select r.role from user_roles r join users u on u.id = r.user_id where u.username = ?", String.class,
				username))
			.containsExactly("USER");
	}

	@Test
	void signupWhenUsernameTakenInAnotherCaseThenConflict() {
		String username = Api.uniqueUsername();
		this.api.signup(username);
		MvcTestResult result = this.api.post("/api/auth/signup",
				"{\"username\":\"" + username.toUpperCase() + "\",\"password\":\"" + Api.PASSWORD + "\"}");
		assertThat(result).hasStatus(HttpStatus.CONFLICT)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.code")
			.isEqualTo("username_taken");
		assertThat(countUsers(username)).isEqualTo(1);
	}

	@Test
	void signupWhenFieldsInvalidThenValidationFailedNamingEachFieldAndNothingStored() {
		int before = this.jdbc.queryForObject("select count(*) from users", Integer.class);
		for (String body : new String[] { "{\"username\":\"ab\",\"password\":\"" + Api.PASSWORD + "\"}",
				"{\"username\":\"" + "a".repeat(65) + "\",\"password\":\"" + Api.PASSWORD + "\"}",
				"{\"username\":\"bad name!\",\"password\":\"" + Api.PASSWORD + "\"}",
				"{\"username\":\"b\u00e9atrice\",\"password\":\"" + Api.PASSWORD + "\"}",
				"{\"password\":\"" + Api.PASSWORD + "\"}" }) {
			assertValidationFailed(this.api.post("/api/auth/signup", body), "username");
		}
		String username = Api.uniqueUsername();
		for (String password : new String[] { "fourteen chars", "x".repeat(129), "" }) {
			assertValidationFailed(this.api.post("/api/auth/signup",
					"{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"), "password");
		}
		assertValidationFailed(this.api.post("/api/auth/signup",
				"{\"username\":\"" + username + "\",\"password\":\"" + Api.PASSWORD + "\",\"email\":\"not-an-email\"}"),
				"email");
		assertThat(this.jdbc.queryForObject("select count(*) from users", Integer.class)).isEqualTo(before);
	}

	@Test
	void signupWhenPasswordIsUnicodeThenLengthCountsCodePoints() {
		// 15 emoji are 30 UTF-16 chars and 60 UTF-8 bytes: still 15 characters to the user
		String fifteen = emoji(15);
		String fourteen = emoji(14);
		assertValidationFailed(this.api.post("/api/auth/signup",
				"{\"username\":\"" + Api.uniqueUsername() + "\",\"password\":\"" + fourteen + "\"}"), "password");
		String username = Api.uniqueUsername();
		assertThat(this.api.post("/api/auth/signup",
				"{\"username\":\"" + username + "\",\"password\":\"" + fifteen + "\"}"))
			.hasStatus(HttpStatus.CREATED);
		this.api.login(username, fifteen);
		// 128 code points of 4 bytes each: 512 bytes, accepted whole
		String longest = emoji(128);
		assertThat(this.api.post("/api/auth/signup",
				"{\"username\":\"" + Api.uniqueUsername() + "\",\"password\":\"" + longest + "\"}"))
			.hasStatus(HttpStatus.CREATED);
	}

	/** So many emoji, no two neighbours alike and in no run: no pattern the password rules refuse. */
	private static String emoji(int count) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < count; i++) {
			text.appendCodePoint(0x1F600 + (i * 37) % 80);
		}
		return text.toString();
	}

	@Test
	void loginWhenPasswordsDifferOnlyAfterByte72ThenOnlyTheRightOneLogsIn() {
		String username = Api.uniqueUsername();
		String prefix = "wild plums ripen slowly by the quiet harbour as grey gulls wheel above u";
		String password = prefix + "-the-real-tail";
		assertThat(this.api.post("/api/auth/signup",
				"{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"))
			.hasStatus(HttpStatus.CREATED);
		this.api.login(username, password);
		assertThat(this.api.post("/api/auth/login",
				"{\"username\":\"" + username + "\",\"password\":\"" + prefix + "-another-tail\"}"))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.jdbc.queryForObject("select password_hash from users where username = ?", String.class,
				username))
			.startsWith("{argon2}$argon2id$");
	}

	@Test
	void signupAndLoginWhenPasswordHasLoneSurrogateThenClientErrorAndNothingStored() {
		// "\\ud800" stays an escape in the JSON text: Jackson reads it as an unpaired surrogate
		String username = Api.uniqueUsername();
		String password = "aaaaaaaaaaaaaaa\\ud800";
		assertValidationFailed(this.api.post("/api/auth/signup",
				"{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"), "password");
		assertThat(countUsers(username)).isZero();
		this.api.signup(username);
		assertThat(this.api.post("/api/auth/login",
				"{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"))
			.hasStatus(HttpStatus.UNAUTHORIZED)
			.bodyJson()
			.extractingPath("$.code")
			.isEqualTo("invalid_credentials");
	}

	@Test
	void loginWhenUsernameInAnotherCaseThenOk() {
		String username = Api.uniqueUsername();
		this.api.signup(username);
		this.api.login(username.toUpperCase(), Api.PASSWORD);
	}

	@Test
	void loginWhenUnknownUserOrWrongPasswordThenIdenticalAnswer() throws Exception {
		String username = Api.uniqueUsername();
		this.api.signup(username);
		MvcTestResult wrongPassword = this.api.post("/api/auth/login",
				"{\"username\":\"" + username + "\",\"password\":\"not the password at all\"}");
		MvcTestResult unknownUser = this.api.post("/api/auth/login",
				"{\"username\":\"" + Api.uniqueUsername() + "\",\"password\":\"not the password at all\"}");
		assertThat(wrongPassword).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.code")
			.isEqualTo("invalid_credentials");
		assertThat(unknownUser).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(Api.body(unknownUser)).isEqualTo(Api.body(wrongPassword));
	}

	@Test
	void loginWhenAccountDisabledThenSameAnswerAsWrongPassword() {
		String username = Api.uniqueUsername();
		this.api.signup(username);
		this.jdbc.update("update users set enabled = false where username = ?", username);
		MvcTestResult disabled = this.api.post("/api/auth/login",
				"{\"username\":\"" + username + "\",\"password\":\"" + Api.PASSWORD + "\"}");
		MvcTestResult wrong = this.api.post("/api/auth/login",
				"{\"username\":\"" + username + "\",\"password\":\"not the password at all\"}");
		assertThat(disabled).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(Api.body(disabled)).isEqualTo(Api.body(wrong));
	}

	@Test
	void signupThenDatabaseHoldsTokenIdsButNeverTokens() {
		Tokens tokens = this.api.signup();
		Tokens next = Tokens.of(this.api.refresh(tokens.refreshToken()));
		String jti = JsonPath.read(payload(next.refreshToken()), "$.jti");
		assertThat(this.jdbc.queryForObject("select state from refresh_tokens where jti = ?", String.class, jti))
			.isEqualTo("ACTIVE");
		for (String table : new String[] { "refresh_tokens", "sessions", "users" }) {
			String dump = this.jdbc.queryForList("select * from " + table).toString();
			for (Tokens pair : new Tokens[] { tokens, next }) {
				assertThat(dump).doesNotContain(signature(pair.refreshToken()))
					.doesNotContain(signature(pair.accessToken()));
			}
		}
	}

	@Test
	void refreshWhenValidThenRotatesToNewPair() {
		Tokens first = this.api.signup();
		MvcTestResult result = this.api.refresh(first.refreshToken());
		assertThat(result).hasStatusOk().headers().hasValue("Cache-Control", "no-store").hasValue("Pragma", "no-cache");
		Tokens next = Tokens.of(result);
		assertThat(next.refreshToken()).isNotEqualTo(first.refreshToken());
		assertThat(next.accessToken()).isNotEqualTo(first.accessToken());
		assertThat(this.api.get("/api/me", next.accessToken())).hasStatusOk();
		assertThat(this.api.refresh(next.refreshToken())).hasStatusOk();
	}

	@Test
	void refreshWhenTokenReusedAfterGraceThenSessionEndedWithNewestToken() {
		Tokens first = this.api.signup();
		Tokens second = Tokens.of(this.api.refresh(first.refreshToken()));
		this.clock.advance(Duration.ofSeconds(6));
		assertInvalidToken(this.api.refresh(first.refreshToken()));
		// the thief's or the owner's newest token: the whole session is over
		assertInvalidToken(this.api.refresh(second.refreshToken()));
		String sessionId = JsonPath.read(payload(first.refreshToken()), "$.sid");
		assertThat(this.jdbc.queryForObject("select ended_at is not null from sessions where id = ?", Boolean.class,
				java.util.UUID.fromString(sessionId)))
			.isTrue();
		assertThat(this.jdbc.queryForList("select state from refresh_tokens where session_id = ?", String.class,
				java.util.UUID.fromString(sessionId)))
			.containsOnly("SPENT", "REVOKED");
	}

	@Test
	void refreshWhenTokenReusedWithinGraceThenSameNextToken() {
		Tokens first = this.api.signup();
		Tokens second = Tokens.of(this.api.refresh(first.refreshToken()));
		this.clock.advance(Duration.ofSeconds(2));
		Tokens again = Tokens.of(this.api.refresh(first.refreshToken()));
		assertThat(again.refreshToken()).isEqualTo(second.refreshToken());
		assertThat(this.api.refresh(second.refreshToken())).hasStatusOk();
	}

	@Test
	void refreshWhenAccessTokenPresentedThenInvalidTokenAndNothingSpent() {
		Tokens tokens = this.api.signup();
		assertInvalidToken(this.api.refresh(tokens.accessToken()));
		assertThat(this.api.refresh(tokens.refreshToken())).hasStatusOk();
	}

	@Test
	void refreshWhenGarbageOrMissingThenClientError() {
		assertInvalidToken(this.api.refresh("not-a-token"));
		assertInvalidToken(this.api.refresh(""));
		assertThat(this.api.post("/api/auth/refresh", "{}")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.code")
			.isEqualTo("validation_failed");
		assertThat(this.api.post("/api/auth/refresh", "{\"refresh_token\":12}")).hasStatus4xxClientError();
	}

	@Test
	void refreshWhenRolesChangedThenNewAccessTokenCarriesThem() {
		String username = Api.uniqueUsername();
		Tokens tokens = this.api.signup(username);
		this.jdbc.update("insert into user_roles (user_id, role) select id, 'ADMIN' from users where username = ?",
				username);
		Tokens next = Tokens.of(this.api.refresh(tokens.refreshToken()));
		assertThat(this.api.get("/api/me", next.accessToken())).bodyJson()
			.extractingPath("$.roles")
			.asArray()
			.containsExactly("ADMIN", "USER");
	}

	@Test
	void refreshWhenUserDisabledThenRefusedAndTokenNotSpent() {
		String username = Api.uniqueUsername();
		Tokens tokens = this.api.signup(username);
		this.jdbc.update("update users set enabled = false where username = ?", username);
		MvcTestResult result = this.api.refresh(tokens.refreshToken());
		assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED).bodyJson().extractingPath("$.code").isEqualTo(
				"account_disabled");
		assertThat(this.jdbc.queryForList(
				"select t.state from refresh_tokens t join sessions s on s.id = t.session_id join users u on u.id = s.user_id where u.username = ?",
				String.class, username))
			.containsExactly("ACTIVE");
	}

	@Test
	void logoutThenRefreshFailsAndLogoutIsIdempotent() {
		Tokens tokens = this.api.signup();
		assertThat(this.api.logout(tokens.refreshToken())).hasStatus(HttpStatus.NO_CONTENT);
		assertInvalidToken(this.api.refresh(tokens.refreshToken()));
		assertThat(this.api.logout(tokens.refreshToken())).hasStatus(HttpStatus.NO_CONTENT);
	}

	@Test
	void refreshWhenSpentTokenReplayedWithinGraceAfterLogoutThenInvalidToken() {
		Tokens first = this.api.signup();
		Tokens second = Tokens.of(this.api.refresh(first.refreshToken()));
		Tokens third = Tokens.of(this.api.refresh(second.refreshToken()));
		assertThat(this.api.logout(third.refreshToken())).hasStatus(HttpStatus.NO_CONTENT);
		assertInvalidToken(this.api.refresh(second.refreshToken()));
		assertInvalidToken(this.api.refresh(first.refreshToken()));
	}

	@Test
	void logoutWhenRefreshTokenExpiredThenSessionStillEnded() {
		Tokens tokens = this.api.signup();
		String sessionId = JsonPath.read(payload(tokens.refreshToken()), "$.sid");
		this.clock.advance(Duration.ofDays(15));
		assertInvalidToken(this.api.refresh(tokens.refreshToken()));
		assertThat(this.api.logout(tokens.refreshToken())).hasStatus(HttpStatus.NO_CONTENT);
		assertThat(this.jdbc.queryForObject("select ended_at is not null from sessions where id = ?", Boolean.class,
				java.util.UUID.fromString(sessionId)))
			.isTrue();
	}

	@Test
	void refreshAndLogoutWhenConcurrentThenNoServerErrorAndLogoutHolds() throws Exception {
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
		try {
			for (int round = 0; round < 25; round++) {
				Tokens tokens = this.api.signup();
				Tokens next = Tokens.of(this.api.refresh(tokens.refreshToken()));
				var refresh = pool.submit(() -> this.api.refresh(next.refreshToken()).getResponse().getStatus());
				var replay = pool.submit(() -> this.api.refresh(tokens.refreshToken()).getResponse().getStatus());
				var logout = pool.submit(() -> this.api.logout(next.refreshToken()).getResponse().getStatus());
				assertThat(refresh.get()).isIn(200, 401);
				assertThat(replay.get()).isIn(200, 401);
				assertThat(logout.get()).isEqualTo(204);
				String sessionId = JsonPath.read(payload(tokens.refreshToken()), "$.sid");
				assertThat(this.jdbc.queryForObject("select ended_at is not null from sessions where id = ?",
						Boolean.class, java.util.UUID.fromString(sessionId)))
					.isTrue();
				assertThat(this.jdbc.queryForObject(
						"select count(*) from refresh_tokens where session_id = ? and state = 'ACTIVE'", Integer.class,
						java.util.UUID.fromString(sessionId)))
					.isZero();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void logoutEndsOnlyThatSession() {
		String username = Api.uniqueUsername();
		Tokens phone = this.api.signup(username);
		Tokens laptop = this.api.login(username, Api.PASSWORD);
		assertThat(this.api.logout(phone.refreshToken())).hasStatus(HttpStatus.NO_CONTENT);
		assertThat(this.api.refresh(laptop.refreshToken())).hasStatusOk();
	}

	@Test
	void logoutWhenTokenForgedOrAccessTokenThenInvalidToken() {
		Tokens tokens = this.api.signup();
		assertInvalidToken(this.api.logout(tokens.accessToken()));
		assertInvalidToken(this.api.logout("a.b.c"));
		assertThat(this.api.refresh(tokens.refreshToken())).hasStatusOk();
	}

	@Test
	void loginWhenStaleBearerHeaderSentAlongThenStillWorks() {
		String username = Api.uniqueUsername();
		this.api.signup(username);
		assertThat(this.mvc.post()
			.uri("/api/auth/login")
			.header("Authorization", "Bearer expired.or.garbage")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"" + username + "\",\"password\":\"" + Api.PASSWORD + "\"}"))
			.hasStatusOk();
	}

	@Test
	void signupAndLoginWhenFieldHasAnotherJsonTypeThenValidationFailedNamingItAndNothingStored() {
		int users = this.jdbc.queryForObject("select count(*) from users", Integer.class);
		for (String body : List.of("{\"username\":123,\"password\":\"" + Api.PASSWORD + "\"}",
				"{\"username\":true,\"password\":\"" + Api.PASSWORD + "\"}",
				"{\"username\":12.5,\"password\":\"" + Api.PASSWORD + "\"}")) {
			MvcTestResult result = this.api.post("/api/auth/signup", body);
			assertValidationFailed(result, "username");
			assertThat(result).bodyJson().extractingPath("$.errors[0].detail").isEqualTo("must be a string");
		}
		assertValidationFailed(this.api.post("/api/auth/signup",
				"{\"username\":\"" + Api.uniqueUsername() + "\",\"password\":1234567890123456}"), "password");
		assertValidationFailed(this.api.post("/api/auth/login", "{\"username\":123,\"password\":\"whatever it is\"}"),
				"username");
		assertValidationFailed(this.api.post("/api/auth/refresh", "{\"refresh_token\":false}"), "refresh_token");
		assertThat(this.jdbc.queryForObject("select count(*) from users", Integer.class)).isEqualTo(users);
	}

	private int countUsers(String username) {
		return this.jdbc.queryForObject("select count(*) from users where username_key = ?", Integer.class,
				username.toLowerCase());
	}

	private static void assertValidationFailed(MvcTestResult result, String field) {
		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("validation_failed");
		assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray().contains(field);
	}

	private static void assertInvalidToken(MvcTestResult result) {
		assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.code")
			.isEqualTo("invalid_token");
	}

	private static String signature(String token) {
		return token.substring(token.lastIndexOf('.') + 1);
	}

	private static String payload(String token) {
		return new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
	}

}
