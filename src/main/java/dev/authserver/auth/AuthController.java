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

import dev.authserver.session.Client;
import dev.authserver.verification.AccessTokenClaims;

/** The endpoints that issue and end sessions: credentials or a refresh token in the body, no bearer token but for logout-all. */
@RestController
@RequestMapping(path = "/api/auth", consumes = MediaType.APPLICATION_JSON_VALUE)
class AuthController {

	private final AuthService auth;

	AuthController(AuthService auth) {
		this.auth = auth;
	}

	@PostMapping("/signup")
	ResponseEntity<TokenResponse> signup(@Valid @RequestBody SignupRequest request, HttpServletRequest http) {
		return tokens(HttpStatus.CREATED, this.auth.signup(request, client(http)));
	}

	@PostMapping("/login")
	ResponseEntity<TokenResponse> login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
		return tokens(HttpStatus.OK, this.auth.login(request, client(http)));
	}

	@PostMapping("/refresh")
	ResponseEntity<TokenResponse> refresh(@Valid @RequestBody RefreshTokenRequest request, HttpServletRequest http) {
		return tokens(HttpStatus.OK, this.auth.refresh(request.refreshToken(), client(http)));
	}

	@PostMapping("/logout")
	ResponseEntity<Void> logout(@Valid @RequestBody RefreshTokenRequest request, HttpServletRequest http) {
		this.auth.logout(request.refreshToken(), client(http));
		return ResponseEntity.noContent().build();
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
