package dev.authserver.password;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.authserver.support.Api;
import dev.authserver.support.Api.Tokens;
import dev.authserver.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The blocklist of NIST SP 800-63B-4 at signup and password change: repetitive and
 * sequential characters, keyboard walks, decorated dictionary words, breached passwords and
 * words of the context, each refused with a detail that says why; long passphrases and random
 * passwords pass, and no composition rule applies.
 */
@IntegrationTest
class PasswordPolicyTest {

	@Autowired
	Api api;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void signupWhenPasswordFollowsAPatternThenValidationFailedSayingWhich() {
		Map<String, String> refused = Map.of("aaaaaaaaaaaaaaaa", "repeat", "passwordpassword", "repeat",
				"abcdefghijklmnop", "sequence", "qwertyuiopasdfgh", "common", "1qaz2wsx3edc4rfv", "breached",
				"p4ssw0rdmonkey12", "common");
		refused.forEach((password, reason) -> {
			MvcTestResult result = signup(Api.uniqueUsername(), password, null);
			assertThat(result).as(password).hasStatus(HttpStatus.BAD_REQUEST);
			assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("validation_failed");
			assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("password");
			assertThat(result).bodyJson().extractingPath("$.errors[0].detail").asString().as(password).contains(reason);
		});
	}

	@Test
	void signupWhenPasswordBuiltFromUsernameEmailOrServiceThenRefusedNamingIt() {
		String username = "marguerite." + System.nanoTime() % 100_000;
		assertThat(detail(signup(username, username + "12345", null))).contains("username");
		assertThat(detail(signup(Api.uniqueUsername(), "bellatrixlestrange1!", "bellatrixlestrange@example.com")))
			.contains("email");
		assertThat(detail(signup(Api.uniqueUsername(), "auth-server-2024!", null))).contains("service");
		assertThat(this.jdbc.queryForObject("select count(*) from users where username = ?", Integer.class, username))
			.isZero();
	}

	@Test
	void signupWhenPassphraseOrRandomThenCreatedWithoutCompositionRules() {
		for (String password : new String[] { "correct horse battery staple", "kx9mp2vl7nq4wzt8",
				"my dog likes long walks on the beach", "Übergrößenträger mit Ölflecken" }) {
			assertThat(signup(Api.uniqueUsername(), password, null)).as(password).hasStatus(HttpStatus.CREATED);
		}
	}

	@Test
	void changePasswordWhenNewPasswordIsPatternOrUsernameThenRefusedAndOldKept() {
		String username = "theodora." + System.nanoTime() % 100_000;
		Tokens tokens = this.api.signup(username);
		for (String weak : new String[] { "zzzzzzzzzzzzzzzzzzzz", username + "99999" }) {
			MvcTestResult result = this.api.put("/api/me/password", tokens.accessToken(),
					"{\"current_password\":\"" + Api.PASSWORD + "\",\"new_password\":\"" + weak + "\"}");
			assertThat(result).as(weak).hasStatus(HttpStatus.BAD_REQUEST);
			assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("new_password");
		}
		this.api.login(username, Api.PASSWORD);
	}

	private MvcTestResult signup(String username, String password, String email) {
		return this.api.post("/api/auth/signup", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\""
				+ ((email != null) ? ",\"email\":\"" + email + "\"" : "") + "}");
	}

	private static String detail(MvcTestResult result) {
		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
		return com.jayway.jsonpath.JsonPath.read(Api.body(result), "$.errors[0].detail");
	}

}
