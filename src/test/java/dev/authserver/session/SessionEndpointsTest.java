package dev.authserver.session;

import java.util.List;
import java.util.UUID;

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
 * Ending sessions and revoking access tokens (docs/sessions.md): logout-all, password
 * change, the caller's sessions, and the administrator's role and enabled changes.
 */
@IntegrationTest
class SessionEndpointsTest {

	private static final String REVOKED = "Bearer realm=\"api\", error=\"invalid_token\", "
			+ "error_description=\"The access token was revoked\"";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Api api;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MutableClock clock;

	@Test
	void logoutAllThenEverySessionAndAccessTokenEndedAtOnce() {
		String username = Api.uniqueUsername();
		Tokens phone = this.api.signup(username);
		Tokens laptop = this.api.login(username, Api.PASSWORD);
		assertThat(this.api.post("/api/auth/logout-all", phone.accessToken(), null)).hasStatus(HttpStatus.NO_CONTENT);
		for (Tokens tokens : List.of(phone, laptop)) {
			assertRevoked(this.api.get("/api/me", tokens.accessToken()));
			assertInvalidToken(this.api.refresh(tokens.refreshToken()));
		}
		// a new login is a new start
		Tokens fresh = this.api.login(username, Api.PASSWORD);
		assertThat(this.api.get("/api/me", fresh.accessToken())).hasStatusOk();
	}

	@Test
	void tokensWhenIssuedRightAfterARevocationThenNeitherDatedAheadNorLongerLived() {
		String username = Api.uniqueUsername();
		Tokens kept = this.api.signup(username);
		assertThat(changePassword(kept.accessToken(), Api.PASSWORD, "another long passphrase of mine"))
			.hasStatus(HttpStatus.NO_CONTENT);
		// in the same second as the revocation: the kept session's refresh, and a new login
		for (MvcTestResult issued : List.of(this.api.refresh(kept.refreshToken()),
				this.api.post("/api/auth/login", "{\"username\":\"" + username
						+ "\",\"password\":\"another long passphrase of mine\"}"))) {
			assertThat(issued).hasStatusOk();
			String access = JsonPath.read(Api.body(issued), "$.access_token");
			long issuedAt = ((Number) JsonPath.read(claims(access), "$.iat")).longValue();
			assertThat(issuedAt).isLessThanOrEqualTo(this.clock.instant().getEpochSecond());
			assertThat(JsonPath.<Integer>read(Api.body(issued), "$.expires_in")).isBetween(1, 900);
			assertThat(this.api.get("/api/me", access)).hasStatusOk();
		}
		assertRevoked(this.api.get("/api/me", kept.accessToken()));
	}

	@Test
	void logoutAllWhenNoTokenThenUnauthorized() {
		assertThat(this.mvc.post().uri("/api/auth/logout-all")).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void logoutThenThatSessionsAccessTokenRefusedToo() {
		String username = Api.uniqueUsername();
		Tokens phone = this.api.signup(username);
		Tokens laptop = this.api.login(username, Api.PASSWORD);
		assertThat(this.api.logout(phone.refreshToken())).hasStatus(HttpStatus.NO_CONTENT);
		assertRevoked(this.api.get("/api/me", phone.accessToken()));
		assertThat(this.api.get("/api/me", laptop.accessToken())).hasStatusOk();
	}

	@Test
	void changePasswordThenOtherSessionsEndedAndOldAccessTokensRefused() {
		String username = Api.uniqueUsername();
		Tokens current = this.api.signup(username);
		Tokens other = this.api.login(username, Api.PASSWORD);
		String newPassword = "a brand new passphrase";
		assertThat(changePassword(current.accessToken(), Api.PASSWORD, newPassword)).hasStatus(HttpStatus.NO_CONTENT);

		assertInvalidToken(this.api.refresh(other.refreshToken()));
		assertRevoked(this.api.get("/api/me", other.accessToken()));
		// issued before the change: refused, even the caller's own
		assertRevoked(this.api.get("/api/me", current.accessToken()));
		// the caller's session lives on and refreshes to a token that works
		Tokens refreshed = Tokens.of(this.api.refresh(current.refreshToken()));
		assertThat(this.api.get("/api/me", refreshed.accessToken())).hasStatusOk();

		assertThat(this.api.post("/api/auth/login",
				"{\"username\":\"" + username + "\",\"password\":\"" + Api.PASSWORD + "\"}"))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		this.api.login(username, newPassword);
	}

	@Test
	void changePasswordWhenCurrentWrongThenInvalidCredentialsAndNothingChanged() {
		String username = Api.uniqueUsername();
		Tokens tokens = this.api.signup(username);
		String hash = passwordHash(username);
		assertThat(changePassword(tokens.accessToken(), "not the current password", "a brand new passphrase"))
			.hasStatus(HttpStatus.UNAUTHORIZED)
			.bodyJson()
			.extractingPath("$.code")
			.isEqualTo("invalid_credentials");
		assertThat(passwordHash(username)).isEqualTo(hash);
		assertThat(this.api.get("/api/me", tokens.accessToken())).hasStatusOk();
		assertThat(this.api.refresh(tokens.refreshToken())).hasStatusOk();
	}

	@Test
	void changePasswordWhenNewPasswordBreaksRulesThenValidationFailedAndNothingChanged() {
		String username = Api.uniqueUsername();
		Tokens tokens = this.api.signup(username);
		String hash = passwordHash(username);
		for (String body : List.of("{\"current_password\":\"" + Api.PASSWORD + "\",\"new_password\":\"too short\"}",
				"{\"current_password\":\"" + Api.PASSWORD + "\"}",
				"{\"current_password\":\"" + Api.PASSWORD + "\",\"new_password\":\"" + "x".repeat(129) + "\"}")) {
			MvcTestResult result = this.api.put("/api/me/password", tokens.accessToken(), body);
			assertThat(result).hasStatus(HttpStatus.BAD_REQUEST)
				.bodyJson()
				.extractingPath("$.errors[*].field")
				.asArray()
				.contains("new_password");
		}
		assertThat(passwordHash(username)).isEqualTo(hash);
		assertThat(this.api.get("/api/me", tokens.accessToken())).hasStatusOk();
	}

	@Test
	void sessionsThenEachLiveSessionListedAndCurrentMarked() {
		String username = Api.uniqueUsername();
		Tokens first = this.api.signup(username);
		Tokens second = Tokens.of(this.mvc.post()
			.uri("/api/auth/login")
			.header("User-Agent", "Firefox/140 on test")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"" + username + "\",\"password\":\"" + Api.PASSWORD + "\"}")
			.exchange());
		Tokens ended = this.api.login(username, Api.PASSWORD);
		assertThat(this.api.logout(ended.refreshToken())).hasStatus(HttpStatus.NO_CONTENT);

		MvcTestResult result = this.api.get("/api/me/sessions", second.accessToken());
		assertThat(result).hasStatusOk();
		String body = Api.body(result);
		List<String> ids = JsonPath.read(body, "$.content[*].id");
		assertThat(ids).containsExactlyInAnyOrder(sessionOf(first), sessionOf(second));
		assertThat(JsonPath.<List<Boolean>>read(body, "$.content[?(@.id == '" + sessionOf(second) + "')].current"))
			.containsExactly(true);
		assertThat(JsonPath.<List<Boolean>>read(body, "$.content[?(@.id == '" + sessionOf(first) + "')].current"))
			.containsExactly(false);
		assertThat(JsonPath.<List<String>>read(body, "$.content[?(@.id == '" + sessionOf(second) + "')].user_agent"))
			.containsExactly("Firefox/140 on test");
		assertThat(JsonPath.<List<String>>read(body, "$.content[*].client_ip")).containsOnly("127.0.0.1");
		assertThat(JsonPath.<List<String>>read(body, "$.content[*].created_at")).allSatisfy((time) -> assertThat(time).isNotBlank());
		assertThat(JsonPath.<List<String>>read(body, "$.content[*].last_used_at")).hasSize(2);
	}

	@Test
	void deleteOwnSessionThenItEndsAtOnce() {
		String username = Api.uniqueUsername();
		Tokens keep = this.api.signup(username);
		Tokens drop = this.api.login(username, Api.PASSWORD);
		assertThat(this.api.delete("/api/me/sessions/" + sessionOf(drop), keep.accessToken()))
			.hasStatus(HttpStatus.NO_CONTENT);
		assertInvalidToken(this.api.refresh(drop.refreshToken()));
		assertRevoked(this.api.get("/api/me", drop.accessToken()));
		assertThat(this.api.get("/api/me", keep.accessToken())).hasStatusOk();
		// again: still ours, already ended
		assertThat(this.api.delete("/api/me/sessions/" + sessionOf(drop), keep.accessToken()))
			.hasStatus(HttpStatus.NO_CONTENT);
	}

	@Test
	void deleteOtherUsersOrUnknownSessionThenNotFoundAndNothingEnded() {
		Tokens mallory = this.api.signup();
		Tokens alice = this.api.signup();
		for (String id : List.of(sessionOf(alice), UUID.randomUUID().toString(), "not-a-uuid")) {
			assertThat(this.api.delete("/api/me/sessions/" + id, mallory.accessToken()))
				.hasStatus(HttpStatus.NOT_FOUND)
				.bodyJson()
				.extractingPath("$.code")
				.isEqualTo("not_found");
		}
		assertThat(this.api.refresh(alice.refreshToken())).hasStatusOk();
	}

	@Test
	void adminReplacesRolesThenSessionsEndedAndNewLoginCarriesThem() {
		String admin = adminToken();
		String username = Api.uniqueUsername();
		Tokens user = this.api.signup(username);
		MvcTestResult result = this.api.put("/api/admin/users/" + username.toUpperCase() + "/roles", admin,
				"{\"roles\":[\"USER\",\"AUDITOR\"]}");
		assertThat(result).hasStatusOk().bodyJson().extractingPath("$.roles").asArray().containsExactly("AUDITOR", "USER");
		assertThat(Api.body(result)).doesNotContain("password");
		assertRevoked(this.api.get("/api/me", user.accessToken()));
		assertInvalidToken(this.api.refresh(user.refreshToken()));
		Tokens again = this.api.login(username, Api.PASSWORD);
		assertThat(this.api.get("/api/me", again.accessToken())).bodyJson()
			.extractingPath("$.roles")
			.asArray()
			.containsExactly("AUDITOR", "USER");
	}

	@Test
	void adminReplacesRolesWhenInvalidThenClientErrorAndNothingChanged() {
		String admin = adminToken();
		String username = Api.uniqueUsername();
		Tokens user = this.api.signup(username);
		for (String body : List.of("{\"roles\":[\"lower\"]}", "{\"roles\":null}", "{}", "{\"roles\":[\"A B\"]}",
				"{\"roles\":[]}", "{\"roles\":[null]}", "{\"roles\":{\"a\":1}}")) {
			assertThat(this.api.put("/api/admin/users/" + username + "/roles", admin, body)).as(body)
				.hasStatus(HttpStatus.BAD_REQUEST);
		}
		assertThat(this.api.put("/api/admin/users/nobody-" + UUID.randomUUID().toString().substring(0, 8) + "/roles",
				admin, "{\"roles\":[\"USER\"]}"))
			.hasStatus(HttpStatus.NOT_FOUND);
		assertThat(this.api.get("/api/me", user.accessToken())).hasStatusOk();
		assertThat(this.api.put("/api/admin/users/" + username + "/roles", user.accessToken(),
				"{\"roles\":[\"ADMIN\"]}"))
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.jdbc.queryForList(
				"select r.role from user_roles r join users u on u.id = r.user_id where u.username = ?", String.class,
				username))
			.containsExactly("USER");
	}

	@Test
	void adminDisablesUserThenEverythingRefusedUntilEnabledAgain() {
		String admin = adminToken();
		String username = Api.uniqueUsername();
		Tokens user = this.api.signup(username);
		assertThat(this.api.put("/api/admin/users/" + username + "/enabled", admin, "{\"enabled\":false}"))
			.hasStatusOk()
			.bodyJson()
			.extractingPath("$.enabled")
			.isEqualTo(false);
		assertRevoked(this.api.get("/api/me", user.accessToken()));
		assertThat(this.api.refresh(user.refreshToken())).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.api.post("/api/auth/login",
				"{\"username\":\"" + username + "\",\"password\":\"" + Api.PASSWORD + "\"}"))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.api.put("/api/admin/users/" + username + "/enabled", admin, "{\"enabled\":true}"))
			.hasStatusOk();
		this.api.login(username, Api.PASSWORD);
		assertThat(this.api.put("/api/admin/users/" + username + "/enabled", admin, "{\"enabled\":\"maybe\"}"))
			.hasStatus(HttpStatus.BAD_REQUEST);
	}

	private String adminToken() {
		return this.api.login("admin", "admin-password-for-tests").accessToken();
	}

	private MvcTestResult changePassword(String accessToken, String current, String next) {
		return this.api.put("/api/me/password", accessToken,
				"{\"current_password\":\"" + current + "\",\"new_password\":\"" + next + "\"}");
	}

	private String passwordHash(String username) {
		return this.jdbc.queryForObject("select password_hash from users where username = ?", String.class, username);
	}

	private static String claims(String token) {
		return new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
	}

	private static String sessionOf(Tokens tokens) {
		String payload = new String(java.util.Base64.getUrlDecoder().decode(tokens.refreshToken().split("\\.")[1]));
		return JsonPath.read(payload, "$.sid");
	}

	private static void assertRevoked(MvcTestResult result) {
		assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED).headers().hasValue("WWW-Authenticate", REVOKED);
	}

	private static void assertInvalidToken(MvcTestResult result) {
		assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED).bodyJson().extractingPath("$.code").isEqualTo(
				"invalid_token");
	}

}
