package dev.authserver.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.authserver.problem.ApiProblem;
import dev.authserver.problem.ProblemException;
import dev.authserver.session.Client;
import dev.authserver.verification.AccessTokenClaims;
import dev.authserver.verification.InvalidTokenException;

/**
 * The endpoints that issue and end sessions: credentials or a refresh token in the body, no
 * bearer token but for logout-all. With {@code ?mode=cookie} (browser mode, docs/browser.md)
 * the refresh token travels in an {@code HttpOnly} cookie instead and the body holds the access
 * token alone.
 */
@RestController
@RequestMapping(path = "/api/auth", consumes = MediaType.APPLICATION_JSON_VALUE)
class AuthController {

	private static final String BROWSER_MODE = "mode=cookie";

	private final AuthService auth;

	private final RefreshCookie cookie;

	AuthController(AuthService auth, RefreshCookie cookie) {
		this.auth = auth;
		this.cookie = cookie;
	}

	@PostMapping("/signup")
	ResponseEntity<TokenResponse> signup(@Valid @RequestBody SignupRequest request, HttpServletRequest http) {
		bodyMode(http);
		return tokens(HttpStatus.CREATED, this.auth.signup(request, client(http)));
	}

	@PostMapping("/login")
	ResponseEntity<TokenResponse> login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
		bodyMode(http);
		return tokens(HttpStatus.OK, this.auth.login(request, client(http)));
	}

	@PostMapping("/refresh")
	ResponseEntity<TokenResponse> refresh(@Valid @RequestBody RefreshTokenRequest request, HttpServletRequest http) {
		bodyMode(http);
		return tokens(HttpStatus.OK, this.auth.refresh(request.refreshToken(), client(http)));
	}

	@PostMapping("/logout")
	ResponseEntity<Void> logout(@Valid @RequestBody RefreshTokenRequest request, HttpServletRequest http) {
		bodyMode(http);
		this.auth.logout(request.refreshToken(), client(http));
		return ResponseEntity.noContent().build();
	}

	@PostMapping(path = "/signup", params = BROWSER_MODE)
	ResponseEntity<BrowserTokenResponse> signupInBrowser(@Valid @RequestBody SignupRequest request,
			HttpServletRequest http) {
		return browserTokens(HttpStatus.CREATED, this.auth.signup(request, client(http)));
	}

	@PostMapping(path = "/login", params = BROWSER_MODE)
	ResponseEntity<BrowserTokenResponse> loginInBrowser(@Valid @RequestBody LoginRequest request,
			HttpServletRequest http) {
		return browserTokens(HttpStatus.OK, this.auth.login(request, client(http)));
	}

	/** The cookie's refresh token, rotated: the new one replaces it in the cookie. No body is read. */
	@PostMapping(path = "/refresh", params = BROWSER_MODE, consumes = MediaType.ALL_VALUE)
	ResponseEntity<BrowserTokenResponse> refreshInBrowser(HttpServletRequest http) {
		String refreshToken = this.cookie.read(http);
		if (refreshToken == null) {
			throw InvalidTokenException.invalid("refresh token");
		}
		return browserTokens(HttpStatus.OK, this.auth.refresh(refreshToken, client(http)));
	}

	/** Ends the cookie's session, if any, and clears the cookie. No body is read. */
	@PostMapping(path = "/logout", params = BROWSER_MODE, consumes = MediaType.ALL_VALUE)
	ResponseEntity<Void> logoutInBrowser(HttpServletRequest http) {
		String refreshToken = this.cookie.read(http);
		if (refreshToken != null) {
			this.auth.logout(refreshToken, client(http));
		}
		return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, this.cookie.cleared()).build();
	}

	private ResponseEntity<BrowserTokenResponse> browserTokens(HttpStatus status, TokenResponse tokens) {
		return ResponseEntity.status(status)
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.PRAGMA, "no-cache")
			.header(HttpHeaders.SET_COOKIE, this.cookie.holding(tokens.refreshToken(), tokens.refreshExpiresIn()))
			.body(BrowserTokenResponse.of(tokens));
	}

	/** A {@code mode} other than {@code cookie} is a mistake, not a request for the body mode. */
	private static void bodyMode(HttpServletRequest http) {
		if (http.getParameter("mode") != null) {
			throw new UnknownModeException();
		}
	}

	/** 400 {@code invalid_request}: {@code mode} names no mode. */
	static class UnknownModeException extends ProblemException {

		UnknownModeException() {
			super(ApiProblem.INVALID_REQUEST, "mode is cookie, or absent for tokens in the body");
		}

	}

	/** Ends every session of the caller and refuses its access tokens already out. */
	@PostMapping(path = "/logout-all", consumes = MediaType.ALL_VALUE)
	ResponseEntity<Void> logoutAll(@AuthenticationPrincipal AccessTokenClaims caller, HttpServletRequest http) {
		this.auth.logoutAll(caller.userId(), client(http));
		return ResponseEntity.noContent().build();
	}

	/** RFC 6749 section 5.1: token responses must not be cached. */
	private static ResponseEntity<TokenResponse> tokens(HttpStatus status, TokenResponse body) {
		return ResponseEntity.status(status)
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.PRAGMA, "no-cache")
			.body(body);
	}

	private static Client client(HttpServletRequest request) {
		return new Client(request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT));
	}

}
