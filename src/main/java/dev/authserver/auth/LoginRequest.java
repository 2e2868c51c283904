package dev.authserver.auth;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/auth/login}. Only presence and a generous bound are checked
 * here: any other mistake is answered as wrong credentials.
 *
 * @param username the username, in any case
 * @param password the password
 */
record LoginRequest(@NotNull @Size(max = 256) String username, @NotNull @Size(max = 1024) String password) {

	@Override
	public String toString() {
		return "LoginRequest[username=" + this.username + ", password=<redacted>]";
	}

}
