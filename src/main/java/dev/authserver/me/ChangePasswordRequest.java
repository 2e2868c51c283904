package dev.authserver.me;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.authserver.password.Password;

/**
 * Body of {@code PUT /api/me/password}.
 *
 * @param currentPassword the password now
 * @param newPassword the password to set, under the rules of {@link Password}
 */
record ChangePasswordRequest(@NotNull @Size(max = 1024) String currentPassword,
		@NotNull @Password String newPassword) {

	@Override
	public String toString() {
		return "ChangePasswordRequest[<redacted>]";
	}

}
