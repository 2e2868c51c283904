package dev.authserver.auth;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

import dev.authserver.problem.ApiProblem;
import dev.authserver.problem.ProblemException;

/**
 * The refresh token of browser mode, as a cookie: {@code HttpOnly} (no script reads it),
 * {@code Secure}, {@code SameSite=Strict} (no other site's page sends it) and sent only to
 * {@code /api/auth}. A request that uses it must carry {@code X-Requested-With:
 * XMLHttpRequest}, a header that a form of another site cannot send, and that makes a
 * cross-origin script ask first (CORS preflight).
 */
@Component
class RefreshCookie {

	static final String NAME = "refresh_token";

	static final String PATH = "/api/auth";

	private static final String REQUESTED_WITH = "X-Requested-With";

	private final boolean secure;

	RefreshCookie(BrowserProperties properties) {
		this.secure = properties.secureCookie();
	}

	/** The cookie that holds this refresh token for its lifetime. */
	String holding(String refreshToken, long maxAgeSeconds) {
		return cookie(refreshToken, maxAgeSeconds);
	}

	/** The cookie that clears it. */
	String cleared() {
		return cookie("", 0);
	}

	private String cookie(String value, long maxAgeSeconds) {
		return ResponseCookie.from(NAME, value)
			.httpOnly(true)
			.secure(this.secure)
			.sameSite("Strict")
			.path(PATH)
			.maxAge(maxAgeSeconds)
			.build()
			.toString();
	}

	/**
	 * The refresh token of the request's cookie, or {@code null}; 403 {@code csrf_rejected}
	 * first when the request lacks {@code X-Requested-With: XMLHttpRequest}.
	 */
	String read(HttpServletRequest request) {
		if (!"XMLHttpRequest".equalsIgnoreCase(request.getHeader(REQUESTED_WITH))) {
			throw new CsrfRejectedException();
		}
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return null;
		}
		for (Cookie cookie : cookies) {
			if (NAME.equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
				return cookie.getValue();
			}
		}
		return null;
	}

	/** 403 {@code csrf_rejected}: nothing was read or changed. */
	static class CsrfRejectedException extends ProblemException {

		CsrfRejectedException() {
			super(ApiProblem.CSRF_REJECTED, "A request that uses the refresh-token cookie must carry "
					+ "X-Requested-With: XMLHttpRequest");
		}

	}

}
