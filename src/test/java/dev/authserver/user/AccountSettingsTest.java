package dev.authserver.user;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.authserver.support.Api;
import dev.authserver.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code auth.signup.enabled} and {@code auth.password.min-length} (the configuration table in the README). */
@IntegrationTest
@TestPropertySource(properties = { "auth.signup.enabled=false", "auth.password.min-length=20" })
class AccountSettingsTest {

	@Autowired
	Api api;

	@Autowired
	org.springframework.jdbc.core.JdbcTemplate jdbc;

	@Test
	void signupWhenDisabledThenNotFoundAndNothingStored() {
		int before = this.jdbc.queryForObject("select count(*) from users", Integer.class);
		MvcTestResult result = this.api.post("/api/auth/signup",
				"{\"username\":\"" + Api.uniqueUsername() + "\",\"password\":\"a long enough passphrase here\"}");
		assertThat(result).hasStatus(HttpStatus.NOT_FOUND).bodyJson().extractingPath("$.code").isEqualTo("not_found");
		assertThat(this.jdbc.queryForObject("select count(*) from users", Integer.class)).isEqualTo(before);
		// login still works for accounts that exist
		this.api.login("admin", "admin-password-for-tests");
	}

	@Test
	void changePasswordWhenShorterThanConfiguredMinimumThenValidationFailed() {
		String admin = this.api.login("admin", "admin-password-for-tests").accessToken();
		MvcTestResult result = this.api.put("/api/me/password", admin,
				"{\"current_password\":\"admin-password-for-tests\",\"new_password\":\"nineteen characters\"}");
		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(result).bodyJson().extractingPath("$.errors[0].detail").asString().contains("20 to 128");
	}

}
