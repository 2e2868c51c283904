package dev.authserver.fuzz;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.authserver.fuzz.FuzzCase.Header;
import dev.authserver.throttle.UsernameKeys;
import dev.authserver.verification.TokenIds;

import static org.assertj.core.api.Assertions.assertThat;

/** The fuzzer's own accounts and their current tokens, renewed whenever an accepted request may have used them up. */
final class Accounts {

	static final String ADMIN = "admin";

	/** The test profile's bootstrap password. */
	static final String ADMIN_PASSWORD = "admin-password-for-tests";

	static final String USER = "fuzz-user";

	/** Whose roles and enabled flag the administrator's fuzzed requests may change. */
	static final String TARGET = "fuzz-target";

	static final String PASSWORD = "correct horse battery staple";

	static final String USER_ACCESS = "{{user.access}}";

	static final String USER_REFRESH = "{{user.refresh}}";

	static final String USER_SESSION = "{{user.session}}";

	static final String ADMIN_ACCESS = "{{admin.access}}";

	static final String ADMIN_REFRESH = "{{admin.refresh}}";

	static final String ADMIN_SESSION = "{{admin.session}}";

	/** Whether a placeholder stands for a token, which no answer may echo; a session id may appear in a path. */
	static boolean isToken(String placeholder) {
		return !placeholder.endsWith(".session}}");
	}

	/** Well inside the 15 minutes an access token lives. */
	private static final Duration RENEW_AFTER = Duration.ofMinutes(10);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final FuzzServer server;

	private final Principal admin;

	private final Principal user;

	private int logins;

	Accounts(FuzzServer server) {
		this.server = server;
		this.user = new Principal(USER, PASSWORD);
		this.admin = new Principal(ADMIN, ADMIN_PASSWORD);
		signup(USER);
		signup(TARGET);
		this.user.login();
		this.admin.login();
	}

	Principal admin() {
		return this.admin;
	}

	Principal user() {
		return this.user;
	}

	int logins() {
		return this.logins;
	}

	/** The value of every placeholder, as of now. */
	Map<String, String> placeholders() {
		Map<String, String> values = new LinkedHashMap<>();
		values.put(USER_ACCESS, this.user.session.accessToken());
		values.put(USER_REFRESH, this.user.session.refreshToken());
		values.put(USER_SESSION, this.user.session.sessionId());
		values.put(ADMIN_ACCESS, this.admin.session.accessToken());
		values.put(ADMIN_REFRESH, this.admin.session.refreshToken());
		values.put(ADMIN_SESSION, this.admin.session.sessionId());
		return values;
	}

	/** Before a case: tokens near their expiry are replaced, for runs longer than their lifetime. */
	void renewIfOld() {
		for (Principal principal : List.of(this.user, this.admin)) {
			if (principal.session.obtainedAt().plus(RENEW_AFTER).isBefore(Instant.now())) {
				principal.login();
			}
		}
	}

	/**
	 * After a request the server accepted: whoever's tokens it may have used up (a refresh, a
	 * logout, a session end) logs in again, so that every case starts from valid credentials.
	 */
	void afterAccepted(SentRequest request) {
		for (Principal principal : List.of(this.user, this.admin)) {
			boolean spent = request.carries(principal.session.refreshToken());
			if (spent || (!request.isSafeMethod() && !principal.accessTokenWorks())) {
				principal.login();
			}
		}
	}

	private void signup(String username) {
		HttpResponse<byte[]> response = this.server.post("/api/auth/signup",
				"{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}");
		assertThat(response.statusCode()).as("signup of %s", username).isEqualTo(201);
	}

	/** One of the fuzzer's accounts and its current tokens. */
	final class Principal {

		private final String username;

		private final String password;

		private Session session;

		Principal(String username, String password) {
			this.username = username;
			this.password = password;
		}

		Session session() {
			return this.session;
		}

		void login() {
			// fuzzed logins and password changes count failures against this name (docs/security.md);
			// the fuzzer's own login must not be the one that is refused for them
			Accounts.this.server.jdbc()
				.update("delete from login_failures where username_key = ?",
						Accounts.this.server.bean(UsernameKeys.class).of(this.username));
			HttpResponse<byte[]> response = Accounts.this.server.post("/api/auth/login",
					"{\"username\":\"" + this.username + "\",\"password\":\"" + this.password + "\"}");
			String body = new String(response.body(), StandardCharsets.UTF_8);
			assertThat(response.statusCode()).as("login of %s: %s", this.username, body).isEqualTo(200);
			JsonNode tokens = json.readTree(body);
			String access = tokens.get("access_token").stringValue();
			this.session = new Session(access, tokens.get("refresh_token").stringValue(), sessionOf(access),
					Instant.now());
			Accounts.this.logins++;
		}

		boolean accessTokenWorks() {
			return Accounts.this.server
				.send(new SentRequest("GET", "/api/me", List.of(new Header("Authorization", "Bearer " + this.session.accessToken())),
						null, false, List.of()))
				.statusCode() == 200;
		}

		/** The session an access token belongs to, as its {@code jti} names it. */
		private static String sessionOf(String accessToken) {
			String payload = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8);
			return TokenIds.sessionOf(json.readTree(payload).get("jti").stringValue()).toString();
		}

	}

	/**
	 * Tokens of one login.
	 *
	 * @param accessToken the access token
	 * @param refreshToken the refresh token
	 * @param sessionId the session both belong to
	 * @param obtainedAt when they were issued
	 */
	record Session(String accessToken, String refreshToken, String sessionId, Instant obtainedAt) {
	}

}
