package dev.authserver.auth;

/**
 * The token response of RFC 6749 section 5.1, with the refresh token's lifetime added
 * as Keycloak does.
 *
 * @param accessToken the access token
 * @param tokenType always {@code Bearer}
 * @param expiresIn seconds until the access token expires
 * @param refreshToken the refresh token
 * @param refreshExpiresIn seconds until the refresh token expires
 */
record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken,
		long refreshExpiresIn) {

	@Override
	public String toString() {
		return "TokenResponse[tokens=<redacted>, expiresIn=" + this.expiresIn + "]";
	}

}
