package dev.authserver.user;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.authserver.support.Api;
import dev.authserver.support.Api.Tokens;
import dev.authserver.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Commonly breached passwords are refused at signup and at password change (SPEC section 4). */
@IntegrationTest
class BreachedPasswordTest {

	@Autowired
	Api api;

	@Autowired
	BreachedPasswords breached;

	@Test
	void listWhenLoadedThenHoldsThousandsOfPasswords() {
		assertThat(this.breached.size()).isGreaterThan(10_000);
		assertThat(this.breached.contains("1qaz2wsx3edc4rfv")).isTrue();
		assertThat(this.breached.contains("1QAZ2WSX3EDC4RFV")).isTrue();
		assertThat(this.breached.contains(Api.PASSWORD)).isFalse();
	}

	@Test
	void signupWhenPasswordCommonlyBreachedThenValidationFailedNamingPassword() {
		for (String password : List.of("1qaz2wsx3edc4rfv", "123456789987654321", "Q1W2E3R4T5Y6U7I8")) {
			MvcTestResult result = this.api.post("/api/auth/signup",
					"{\"username\":\"" + Api.uniqueUsername() + "\",\"password\":\"" + password + "\"}");
			assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
			assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("validation_failed");
			assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("password");
			assertThat(result).bodyJson().extractingPath("$.errors[0].detail").asString().contains("breached");
		}
	}

	@Test
	void changePasswordWhenNewPasswordCommonlyBreachedThenValidationFailed() {
		Tokens tokens = this.api.signup();
		MvcTestResult result = this.api.put("/api/me/password", tokens.accessToken(),
				"{\"current_password\":\"" + Api.PASSWORD + "\",\"new_password\":\"1qaz2wsx3edc4rfv\"}");
		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("new_password");
	}

}
