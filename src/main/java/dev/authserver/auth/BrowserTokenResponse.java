package dev.authserver.auth;

/**
 * The token response of browser mode: the access token alone, as the refresh token travels in
 * an {@code HttpOnly} cookie that script cannot read (docs/browser.md).
 *
 * @param accessToken the access token
 * @param tokenType always {@code Bearer}
 * @param expiresIn seconds until the access token expires
 */
record BrowserTokenResponse(String accessToken, String tokenType, long expiresIn) {

	static BrowserTokenResponse of(TokenResponse tokens) {
		return new BrowserTokenResponse(tokens.accessToken(), tokens.tokenType(), tokens.expiresIn());
	}

	@Override
	public String toString() {
		return "BrowserTokenResponse[token=<redacted>, expiresIn=" + this.expiresIn + "]";
	}

}
