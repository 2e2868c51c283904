package dev.authserver.password;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.authserver.support.Api.Tokens;
import dev.authserver.support.Api;
import dev.authserver.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Commonly breached passwords are refused at signup and at password change, whatever their case. */
@IntegrationTest
class BreachedPasswordTest {

	@Autowired
	Api api;

	@Autowired
	PasswordPolicy policy;

	@Test
	void policyWhenAnyListedPasswordLongEnoughThenRefusedWhateverTheCase() throws IOException {
		List<String> listed;
		try (InputStream in = getClass().getResourceAsStream("/com/nulabinc/zxcvbn/matchers/dictionaries/passwords.txt")) {
			listed = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::strip)
				.filter((password) -> password.length() >= 12)
				.toList();
		}
		assertThat(listed).hasSizeGreaterThan(200);
		for (String password : listed) {
			for (String variant : List.of(password, password.toUpperCase(Locale.ROOT))) {
				assertThatExceptionOfType(WeakPasswordException.class).as(variant)
					.isThrownBy(() -> this.policy.check("password", variant, "someone-else", null));
			}
		}
		this.policy.check("password", Api.PASSWORD, "someone-else", null);
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
