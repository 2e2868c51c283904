package dev.authserver.auth;

import java.time.Duration;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.authserver.support.Api;
import dev.authserver.support.IntegrationTest;
import dev.authserver.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browser mode (docs/browser.md): the refresh token only in an {@code HttpOnly} cookie,
 * rotated by every refresh and cleared at logout, the body with the access token alone, and
 * every use of the cookie refused without {@code X-Requested-With}, changing nothing.
 */
@IntegrationTest
class BrowserModeTest {

	private static final String XHR = "XMLHttpRequest";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Api api;

	@Autowired
	MutableClock clock;

	@Test
	void loginWhenCookieModeThenAccessTokenInBodyAndRefreshTokenOnlyInAStrictHttpOnlyCookie() {
		MvcTestResult login = signupInBrowser();
		assertThat(login).hasStatus(HttpStatus.CREATED);
		Map<String, Object> body = JsonPath.read(Api.body(login), "$");
		assertThat(body).containsOnlyKeys("access_token", "token_type", "expires_in");
		assertThat(login.getResponse().getHeader("Cache-Control")).isEqualTo("no-store");
		String setCookie = login.getResponse().getHeader("Set-Cookie");
		assertThat(setCookie).startsWith("refresh_token=eyJ")
			.contains("; Path=/api/auth")
			.contains("; Max-Age=1209600")
			.contains("; Secure")
			.contains("; HttpOnly")
			.contains("; SameSite=Strict");
		// the access token works as any other
		assertThat(this.api.get("/api/me", (String) body.get("access_token"))).hasStatusOk();
	}

	@Test
	void refreshWhenCookieModeThenRotatedInTheCookieAndTheSpentOneIsReuseAfterTheGrace() {
		Cookie first = refreshCookie(signupInBrowser());
		MvcTestResult refreshed = refresh(first, XHR);
		assertThat(refreshed).hasStatusOk();
		Cookie second = refreshCookie(refreshed);
		assertThat(second.getValue()).isNotEqualTo(first.getValue());
		assertThat(JsonPath.<Map<String, Object>>read(Api.body(refreshed), "$")).containsOnlyKeys("access_token",
				"token_type", "expires_in");

		// within the grace the spent cookie gets the same successor; after it, it ends the session
		assertThat(refreshCookie(refresh(first, XHR)).getValue()).isEqualTo(second.getValue());
		this.clock.advance(Duration.ofSeconds(6));
		assertThat(refresh(first, XHR)).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(refresh(second, XHR)).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void refreshOrLogoutWhenNoRequestedWithHeaderThen403CsrfRejectedAndNothingChanged() {
		Cookie cookie = refreshCookie(signupInBrowser());
		for (String header : new String[] { null, "fetch", "" }) {
			for (String path : new String[] { "/api/auth/refresh?mode=cookie", "/api/auth/logout?mode=cookie" }) {
				MvcTestResult refused = post(path, cookie, header);
				assertThat(refused).hasStatus(HttpStatus.FORBIDDEN)
					.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
				assertThat(JsonPath.<String>read(Api.body(refused), "$.code")).isEqualTo("csrf_rejected");
				assertThat(refused.getResponse().getHeader("Set-Cookie")).isNull();
			}
		}
		// the cookie was neither spent nor ended: it refreshes once, as a fresh one does
		MvcTestResult refreshed = refresh(cookie, XHR);
		assertThat(refreshed).hasStatusOk();
		this.clock.advance(Duration.ofSeconds(6));
		assertThat(refresh(refreshCookie(refreshed), XHR)).hasStatusOk();
	}

	@Test
	void logoutWhenCookieModeThenSessionEndedAndCookieCleared() {
		MvcTestResult signup = signupInBrowser();
		Cookie cookie = refreshCookie(signup);
		String access = JsonPath.read(Api.body(signup), "$.access_token");
		MvcTestResult logout = post("/api/auth/logout?mode=cookie", cookie, XHR);
		assertThat(logout).hasStatus(HttpStatus.NO_CONTENT);
		assertThat(logout.getResponse().getHeader("Set-Cookie")).startsWith("refresh_token=;")
			.contains("Max-Age=0")
			.contains("Path=/api/auth");
		assertThat(refresh(cookie, XHR)).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.api.get("/api/me", access)).hasStatus(HttpStatus.UNAUTHORIZED);
		// without a cookie there is nothing to end: still 204, still cleared
		assertThat(post("/api/auth/logout?mode=cookie", null, XHR)).hasStatus(HttpStatus.NO_CONTENT);
	}

	@Test
	void refreshWhenCookieModeWithoutCookieOrWithGarbageThen401InvalidToken() {
		for (Cookie cookie : new Cookie[] { null, new Cookie("refresh_token", "garbage"),
				new Cookie("other", "value") }) {
			MvcTestResult result = post("/api/auth/refresh?mode=cookie", cookie, XHR);
			assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED);
			assertThat(JsonPath.<String>read(Api.body(result), "$.code")).isEqualTo("invalid_token");
		}
	}

	@Test
	void loginWhenUnknownModeThen400AndNoSession() {
		MvcTestResult result = this.mvc.post()
			.uri("/api/auth/signup?mode=session")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"" + Api.uniqueUsername() + "\",\"password\":\"" + Api.PASSWORD + "\"}")
			.exchange();
		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(JsonPath.<String>read(Api.body(result), "$.code")).isEqualTo("invalid_request");
		assertThat(result.getResponse().getHeader("Set-Cookie")).isNull();
	}

	private MvcTestResult signupInBrowser() {
		return this.mvc.post()
			.uri("/api/auth/signup?mode=cookie")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"" + Api.uniqueUsername() + "\",\"password\":\"" + Api.PASSWORD + "\"}")
			.exchange();
	}

	private MvcTestResult refresh(Cookie cookie, String requestedWith) {
		return post("/api/auth/refresh?mode=cookie", cookie, requestedWith);
	}

	private MvcTestResult post(String path, Cookie cookie, String requestedWith) {
		var request = this.mvc.post().uri(path);
		if (cookie != null) {
			request = request.cookie(cookie);
		}
		if (requestedWith != null) {
			request = request.header("X-Requested-With", requestedWith);
		}
		return request.exchange();
	}

	/** The refresh-token cookie the answer sets, as the browser would send it back. */
	private static Cookie refreshCookie(MvcTestResult result) {
		String setCookie = result.getResponse().getHeader("Set-Cookie");
		assertThat(setCookie).as("Set-Cookie").startsWith("refresh_token=");
		return new Cookie("refresh_token", setCookie.substring("refresh_token=".length(), setCookie.indexOf(';')));
	}

}
