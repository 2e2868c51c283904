package dev.authserver.console;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.context.ConfigurableApplicationContext;

import dev.authserver.audit.AuditTrail;
import dev.authserver.support.Instances;
import dev.authserver.token.ServerKeys;
import dev.authserver.token.SigningKeys;
import dev.authserver.token.TokenForge;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real headless Chromium against a real server on a random port, in browser
 * mode over plain http ({@code auth.browser.secure-cookie=false}). One server and one browser
 * for the class; each test starts from a fresh page without cookies and leaves a screenshot
 * in {@code target/screenshots/}.
 */
class ConsoleBrowserTest {

	private static final String PASSWORD = "correct horse battery staple";

	private static final String ADMIN_PASSWORD = "admin-password-for-tests";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	private static ConfigurableApplicationContext server;

	private static ConsoleBrowser browser;

	@BeforeAll
	static void startServerAndBrowser() {
		server = Instances.start(List.of("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"auth.browser.secure-cookie=false", "auth.login.rate-limit-per-minute=100000"));
		browser = ConsoleBrowser.start(Instances.uri(server, "").toString());
	}

	@AfterAll
	static void stop() {
		try {
			if (browser != null) {
				browser.close();
			}
		}
		finally {
			Instances.close(server);
		}
	}

	@AfterEach
	void screenshot(TestInfo test) {
		browser.screenshot(test.getTestMethod().orElseThrow().getName());
	}

	@Test
	void signInWhenTabbedThroughAndEnterPressedThenMySessions() throws Exception {
		String username = signUpOverHttp().username();
		browser.openFresh("signin");
		browser.heading("Sign in");
		assertThat(browser.unnamedControls()).isEmpty();
		browser.screenshot("console-sign-in");

		// the page's heading has the focus; the keyboard alone goes on from there
		browser.tab();
		assertThat(browser.focusedId()).isEqualTo("signin-username");
		assertThat(browser.script("return getComputedStyle(document.activeElement).outlineStyle")).isEqualTo("solid");
		browser.type(username);
		browser.tab();
		assertThat(browser.focusedId()).isEqualTo("signin-password");
		browser.type(PASSWORD, Keys.ENTER);

		browser.heading("My sessions");
		assertThat(browser.textOf("#who-name", username)).isEqualTo("Signed in as " + username);
		assertThat(browser.unnamedControls()).isEmpty();
	}

	@Test
	void signInWhenPasswordWrongThenServersWordsNotJson() throws Exception {
		String username = signUpOverHttp().username();
		browser.openFresh("signin");
		browser.find("#signin-username").sendKeys(username);
		browser.find("#signin-password").sendKeys("not the password at all");
		browser.find("#signin-submit").click();

		String message = browser.textOf("#signin-form .message-error", "");
		assertThat(message).isNotBlank().doesNotContain("{").doesNotContain("invalid_credentials");
		assertThat(browser.driver().findElement(By.cssSelector("main h1")).getText()).isEqualTo("Sign in");
	}

	@Test
	void signUpWhenFormFilledThenSignedInWithThisSessionListed() {
		String username = "browser-" + UUID.randomUUID().toString().substring(0, 8);
		browser.openFresh("signin");
		browser.find("#signup-link").click();
		browser.heading("Create an account");
		assertThat(browser.unnamedControls()).isEmpty();
		browser.find("#signup-username").sendKeys(username);
		browser.find("#signup-password").sendKeys("too short");
		browser.find("#signup-submit").click();
		assertThat(browser.textOf("#signup-form .message-error", "at least 15")).contains("has 9 characters");

		browser.find("#signup-password").sendKeys(", then zebra kumquat lanterns");
		browser.find("#signup-submit").click();

		browser.heading("My sessions");
		WebElement row = browser.find("#sessions-table tbody tr");
		assertThat(browser.driver().findElements(By.cssSelector("#sessions-table tbody tr"))).hasSize(1);
		assertThat(row.getText()).contains("This session").contains("Chrome on Linux").contains("127.0.0.1");
	}

	@Test
	void sessionsWhenOtherEndedThenItsRefreshRefusedAndWhenThisEndedElsewhereThenSignIn() throws Exception {
		Account account = signUpOverHttp();
		browser.signIn(account.username(), PASSWORD);
		browser.waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#sessions-table tbody tr"), 2));
		browser.screenshot("console-sessions");
		assertThat(browser.unnamedControls()).isEmpty();

		// the other session, the one signup started over HTTP, ended from the console
		String other = JsonPath.<List<String>>read(get("/api/me/sessions", account.accessToken()).body(),
				"$.content[?(@.current == true)].id").get(0);
		WebElement end = browser.find("button[data-session='" + other + "']");
		assertThat(end.getAccessibleName()).startsWith("End the session of Java");
		end.click();
		assertThat(browser.confirm()).contains("End this session?");
		browser.waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#sessions-table tbody tr"), 1));
		assertThat(refreshInBody(account.refreshToken()).statusCode()).isEqualTo(401);

		// now the console's own session, ended from elsewhere: its cookie no longer refreshes
		String cookie = (String) browser.cookie("refresh_token").get("value");
		String elsewhere = login(account.username(), PASSWORD);
		String consoleSession = JsonPath.<List<String>>read(get("/api/me/sessions", elsewhere).body(),
				"$.content[?(@.current == false)].id").get(0);
		assertThat(delete("/api/me/sessions/" + consoleSession, elsewhere).statusCode()).isEqualTo(204);
		browser.driver().navigate().refresh();
		browser.heading("Sign in");
		assertThat(refreshWithCookie(cookie).statusCode()).isEqualTo(401);
	}

	@Test
	void passwordWhenChangedThenConfirmedAndWhenGuessableThenTheServersReason() throws Exception {
		Account account = signUpOverHttp();
		browser.signIn(account.username(), PASSWORD);
		browser.go("password");
		browser.heading("Change password");
		assertThat(browser.unnamedControls()).isEmpty();
		assertThat(browser.find("#password-form .rules").getText()).contains("15 to 128 characters")
			.contains("your username");

		changePassword(PASSWORD, "short one");
		assertThat(browser.textOf("#password-message", "at least 15")).contains("has 9 characters");

		String guessable = account.username() + "12345";
		changePassword(PASSWORD, guessable);
		assertThat(browser.textOf("#password-message", "your username"))
			.isEqualTo("New password is too easy to guess: it contains your username.");

		changePassword(PASSWORD, "a brand new passphrase");
		assertThat(browser.textOf("#password-message", "has changed")).contains("Every other session has ended");
		assertThat(loginResponse(account.username(), "a brand new passphrase").statusCode()).isEqualTo(200);
		assertThat(loginResponse(account.username(), PASSWORD).statusCode()).isEqualTo(401);
	}

	@Test
	void inspectorWhenTokensPastedThenDecodedAndTheServersVerdict() throws Exception {
		Account account = signUpOverHttp();
		browser.openFresh("inspector");
		browser.heading("Token inspector");
		assertThat(browser.unnamedControls()).isEmpty();

		inspect(account.accessToken());
		assertThat(verdict("accepted")).startsWith("Accepted").contains(account.username());
		assertThat(browser.find("#token-header [data-claim='typ']").getText()).isEqualTo("at+jwt");
		assertThat(browser.find("#token-claims [data-claim='preferred_username']").getText())
			.isEqualTo(account.username());
		assertThat(browser.find("#token-claims [data-claim='exp'] time").getDomAttribute("datetime")).endsWith("Z");
		assertThat(browser.textOf("#countdown", "Expires in")).matches("Expires in 1[45] min \\d+ s\\.");
		browser.screenshot("console-inspector");

		inspect(expired(account.accessToken()));
		assertThat(verdict("refused")).isEqualTo("Refused: The access token expired.");
		assertThat(browser.textOf("#countdown", "Expired")).matches("Expired 1 h 0 min ago\\.");

		inspect(tampered(account.accessToken()));
		assertThat(verdict("refused")).isEqualTo("Refused: The access token is invalid.");
		assertThat(browser.find("#token-claims [data-claim='roles']").getText()).isEqualTo("USER, ADMIN");

		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		inspect(TokenForge.encrypt("{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"cty\":\"JWT\"}",
				account.accessToken().getBytes(StandardCharsets.US_ASCII), key));
		assertThat(browser.find("#claims-encrypted").getText()).contains("The claims are encrypted (JWE, A256GCM)");
		assertThat(browser.find("#token-header [data-claim='enc']").getText()).isEqualTo("A256GCM");
		assertThat(verdict("refused")).startsWith("Refused: ");

		inspect("not.a token");
		assertThat(browser.find("#decode-error").getText()).contains("not a compact JWT").contains("2 parts");
	}

	@Test
	void adminWhenUserDisabledThenTheEventIsListedAndLoginsCharted() throws Exception {
		Account account = signUpOverHttp();
		assertThat(loginResponse(account.username(), "a wrong password for the chart").statusCode()).isEqualTo(401);
		browser.signIn("admin", ADMIN_PASSWORD);

		browser.find("#nav-users").click();
		browser.heading("Users");
		assertThat(browser.unnamedControls()).isEmpty();
		browser.find("#user-search").sendKeys(account.username(), Keys.ENTER);
		browser.waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#users-table tbody tr"), 1));
		String row = "#users-table tr[data-user='" + account.username() + "']";

		browser.find(row + " button[data-action='roles']").click();
		browser.find("#roles-dialog[open] #roles-other").sendKeys("AUDITOR");
		browser.find("#roles-save").click();
		assertThat(browser.confirm()).contains("From USER to AUDITOR, USER");
		assertThat(browser.textOf(row, "AUDITOR, USER")).contains("Enabled");

		WebElement disable = browser.find(row + " button[data-action='enabled']");
		assertThat(disable.getAccessibleName()).isEqualTo("Disable " + account.username());
		disable.click();
		assertThat(browser.confirm()).contains("Disable " + account.username() + "?");
		assertThat(browser.textOf(row, "Disabled")).contains(account.username());
		assertThat(loginResponse(account.username(), PASSWORD).statusCode()).isEqualTo(401);

		// the events reach the database through a queue: written now, not a moment later
		server.getBean(AuditTrail.class).flush();
		browser.find("#nav-events").click();
		browser.heading("Security events");
		browser.textOf("#chart-status", "in the last 24 hours");
		WebElement success = browser.find("#login-chart rect.bar-success");
		assertThat(success.findElement(By.tagName("title")).getDomProperty("textContent")).contains("successful login");
		assertThat(browser.driver().findElements(By.cssSelector("#login-chart rect.bar-failure"))).isNotEmpty();
		assertThat(browser.driver().findElements(By.cssSelector("#login-chart-table tbody tr"))).hasSize(24);
		assertThat(browser.unnamedControls()).isEmpty();
		browser.screenshot("console-events");

		new org.openqa.selenium.support.ui.Select(browser.find("#event-type")).selectByValue("account_disabled");
		browser.find("#event-user").sendKeys(account.username(), Keys.ENTER);
		String event = browser.textOf("#events-table tbody tr[data-type='account_disabled']", account.username());
		assertThat(event).contains("Account disabled").contains("Success");
		assertThat(browser.driver().findElements(By.cssSelector("#events-table tbody tr"))).hasSize(1);
	}

	@Test
	void pageWhenSignedInThenNoRefreshTokenAnywhereScriptCanRead() throws Exception {
		Account account = signUpOverHttp();
		browser.signIn(account.username(), PASSWORD);
		Map<String, Object> cookie = browser.cookie("refresh_token");
		assertThat(cookie).containsEntry("httpOnly", true).containsEntry("path", "/api/auth")
			.containsEntry("sameSite", "Strict");
		String value = (String) cookie.get("value");
		assertThat(value).startsWith("eyJ");

		String readable = (String) browser.script("return [document.cookie, JSON.stringify(localStorage), "
				+ "JSON.stringify(sessionStorage), String(localStorage.length + sessionStorage.length)].join('|')");
		assertThat(readable).isEqualTo("|{}|{}|0").doesNotContain(value);

		// the cookie outlives a reload: one refresh restores the session, with a new cookie
		browser.driver().navigate().refresh();
		browser.heading("My sessions");
		assertThat(browser.cookie("refresh_token").get("value")).isNotEqualTo(value);
	}

	@Test
	void pageWhenInlineScriptInjectedThenThePolicyBlocksIt() {
		browser.openFresh("signin");
		browser.heading("Sign in");
		browser.script("window.violations = [];"
				+ "document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective));"
				+ "const script = document.createElement('script');"
				+ "script.textContent = 'window.injected = true';"
				+ "document.body.append(script);");

		browser.waiting().until((driver) -> (Long) browser.script("return window.violations.length") > 0);
		assertThat(browser.script("return typeof window.injected")).isEqualTo("undefined");
		assertThat(browser.script("return window.violations[0]")).isEqualTo("script-src-elem");
	}

	@Test
	void pageWhenPhoneSizedThenNothingSpillsSideways() throws Exception {
		Account account = signUpOverHttp();
		login(account.username(), PASSWORD);
		browser.signIn(account.username(), PASSWORD);
		browser.driver().manage().window().setSize(new Dimension(390, 800));
		browser.waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#sessions-table tbody tr"), 3));
		for (String route : List.of("sessions", "password", "inspector")) {
			browser.go(route);
			browser.find("main h1");
			assertThat((Boolean) browser.script("return document.documentElement.scrollWidth <= window.innerWidth"))
				.as(route)
				.isTrue();
		}
		browser.go("sessions");
		browser.find("#sessions-table");
	}

	private void changePassword(String current, String next) {
		for (String id : List.of("current-password", "new-password", "repeat-password")) {
			browser.find("#" + id).clear();
		}
		browser.find("#current-password").sendKeys(current);
		browser.find("#new-password").sendKeys(next);
		browser.find("#repeat-password").sendKeys(next);
		browser.script("document.getElementById('password-message').textContent = ''");
		browser.find("#password-submit").click();
	}

	private void inspect(String token) {
		WebElement input = browser.find("#token-input");
		input.clear();
		// a long token goes in by script: typing thousands of keys would only slow the test
		browser.script("arguments[0].value = arguments[1]", input, token);
		browser.find("#inspect").click();
	}

	private String verdict(String kind) {
		browser.waiting()
			.until(ExpectedConditions.attributeToBe(By.id("verdict"), "data-verdict", kind));
		return browser.find("#verdict").getText();
	}

	/** The token with its times an hour and more in the past, signed again with the server's key. */
	private static String expired(String token) {
		String[] parts = token.split("\\.");
		ObjectNode claims = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
		long now = Instant.now().getEpochSecond();
		claims.put("iat", now - 3600 - 900).put("exp", now - 3600);
		SigningKeys keys = server.getBean(SigningKeys.class);
		return TokenForge.sign(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8),
				JSON.writeValueAsString(claims), ServerKeys.accessKey(keys));
	}

	/** The token with ADMIN added to its roles, its signature left as it was. */
	private static String tampered(String token) {
		String[] parts = token.split("\\.");
		ObjectNode claims = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
		claims.putArray("roles").add("USER").add("ADMIN");
		return parts[0] + "." + TokenForge.encode(JSON.writeValueAsString(claims)) + "." + parts[2];
	}

	private record Account(String username, String accessToken, String refreshToken) {
	}

	private static Account signUpOverHttp() throws IOException, InterruptedException {
		String username = "user-" + UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> response = Instances.post(server, "/api/auth/signup", null,
				"{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}");
		assertThat(response.statusCode()).isEqualTo(201);
		return new Account(username, JsonPath.read(response.body(), "$.access_token"),
				JsonPath.read(response.body(), "$.refresh_token"));
	}

	private static HttpResponse<String> loginResponse(String username, String password)
			throws IOException, InterruptedException {
		return Instances.post(server, "/api/auth/login", null,
				"{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
	}

	private static String login(String username, String password) throws IOException, InterruptedException {
		HttpResponse<String> response = loginResponse(username, password);
		assertThat(response.statusCode()).isEqualTo(200);
		return JsonPath.read(response.body(), "$.access_token");
	}

	private static HttpResponse<String> get(String path, String accessToken) throws IOException, InterruptedException {
		return Instances.get(server, path, accessToken);
	}

	private static HttpResponse<String> delete(String path, String accessToken)
			throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(Instances.uri(server, path))
			.header("Authorization", "Bearer " + accessToken)
			.DELETE()
			.build(), BodyHandlers.ofString());
	}

	private static HttpResponse<String> refreshInBody(String refreshToken) throws IOException, InterruptedException {
		return Instances.post(server, "/api/auth/refresh", null, "{\"refresh_token\":\"" + refreshToken + "\"}");
	}

	private static HttpResponse<String> refreshWithCookie(String refreshToken)
			throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(Instances.uri(server, "/api/auth/refresh?mode=cookie"))
			.header("Cookie", "refresh_token=" + refreshToken)
			.header("X-Requested-With", "XMLHttpRequest")
			.POST(BodyPublishers.noBody())
			.build(), BodyHandlers.ofString());
	}

}
