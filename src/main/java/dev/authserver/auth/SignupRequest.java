package dev.authserver.auth;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.authserver.password.Password;

/**
 * Body of {@code POST /api/auth/signup}. Any other field, such as {@code roles}, is ignored.
 *
 * @param username 3 to 64 of {@code A-Z a-z 0-9 . _ -}
 * @param password see {@link Password}
 * @param email optional
 */
record SignupRequest(
		@NotNull @Size(min = 3, max = 64) @Pattern(regexp = "[A-Za-z0-9._-]*",
				message = "may contain only letters, digits, '.', '_' and '-'") String username,
		@NotNull @Password String password, @Email @Size(max = 320) String email) {

	@Override
	public String toString() {
		return "SignupRequest[username=" + this.username + ", password=<redacted>]";
	}

}
