package dev.authserver.auth;

import jakarta.validation.constraints.NotNull;

/**
 * Body of {@code POST /api/auth/refresh} and {@code /logout}.
 *
 * @param refreshToken the refresh token
 */
record RefreshTokenRequest(@NotNull String refreshToken) {

	@Override
	public String toString() {
		return "RefreshTokenRequest[refreshToken=<redacted>]";
	}

}
