package dev.authserver.fuzz;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.PropagationMode;

import dev.authserver.fuzz.CompactToken.Keys;
import dev.authserver.fuzz.FuzzCase.Header;
import dev.authserver.fuzz.MutatedToken.Applied;
import dev.authserver.token.SigningKeys;
import dev.authserver.token.ServerKeys;

import static dev.authserver.fuzz.Accounts.ADMIN_ACCESS;
import static dev.authserver.fuzz.Accounts.USER_ACCESS;
import static dev.authserver.fuzz.Accounts.USER_SESSION;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real access and refresh tokens, mutated (flipped bits, swapped segments, re-encoded
 * headers, padding, truncation, length) and put in odd places (two {@code Authorization}
 * headers, the query string): every mutated token is refused, every answer meets
 * {@link Invariants}, and no refused request changes a stored row.
 */
@AddLifecycleHook(value = FuzzTries.class, propagateTo = PropagationMode.DIRECT_DESCENDANTS)
class TokenFuzzTest {

	private static final String TOKEN = "{{token}}";

	private static FuzzServer server;

	private static Keys keys;

	@BeforeContainer
	static void start() {
		server = FuzzServer.start();
		SigningKeys signing = server.bean(SigningKeys.class);
		keys = new Keys(ServerKeys.accessKey(signing), ServerKeys.refreshKey(signing));
	}

	@AfterContainer
	static void stop() {
		if (server != null) {
			server.close();
		}
	}

	@Property(tries = 800)
	void accessTokenWhenMutatedThenRefused(@ForAll("accessTokens") MutatedToken token,
			@ForAll("bearerEndpoints") FuzzCase endpoint) {
		AtomicReference<Applied> sent = new AtomicReference<>();
		HttpResponse<byte[]> response = server.exchange("access tokens, mutated",
				endpoint.withHeader("Authorization", "Bearer " + TOKEN), (accounts) -> mutate(token, accounts, sent));
		if (sent.get().mustBeRefusedWhereTaken(true)) {
			assertRefused(response, sent.get());
			if (response.statusCode() == 401) {
				// RFC 6750 section 3
				assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
						(challenge) -> assertThat(challenge).startsWith("Bearer realm=\"api\""));
			}
		}
	}

	@Property(tries = 600)
	void refreshTokenWhenMutatedThenRefused(@ForAll("refreshTokens") MutatedToken token,
			@ForAll("refreshEndpoints") FuzzCase endpoint) {
		AtomicReference<Applied> sent = new AtomicReference<>();
		HttpResponse<byte[]> response = server.exchange("refresh tokens, mutated", endpoint,
				(accounts) -> mutate(token, accounts, sent));
		if (sent.get().mustBeRefusedWhereTaken(false)) {
			assertRefused(response, sent.get());
		}
	}

	@Property(tries = 300)
	void tokenInOddPlacesThenAnsweredAsTheSpecSays(@ForAll Placement placement, @ForAll("readEndpoints") String path) {
		HttpResponse<byte[]> response = server.exchange("tokens in odd places", placement.request(path),
				(accounts) -> Map.of(TOKEN, accounts.user().session().accessToken()));
		if (placement.twoCredentials) {
			// docs/tokens.md: two Authorization headers, or a header and a query token
			assertThat(response.statusCode()).as("%s", placement).isEqualTo(400);
			assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"code\":\"invalid_request\"");
		}
		if (placement.valid) {
			assertThat(response.statusCode()).as("%s", placement).isEqualTo(200);
		}
	}

	private static Map<String, String> mutate(MutatedToken token, Accounts accounts, AtomicReference<Applied> sent) {
		sent.set(token.apply(accounts, keys));
		return Map.of(TOKEN, sent.get().mutated());
	}

	private static void assertRefused(HttpResponse<byte[]> response, Applied token) {
		assertThat(response.statusCode())
			.as("a mutated token accepted: %s%n  from %s", SentRequest.printable(token.mutated(), 2000),
					token.original())
			.isGreaterThanOrEqualTo(400);
	}

	@Provide
	Arbitrary<MutatedToken> accessTokens() {
		return MutatedToken.forEndpointsTaking(true);
	}

	@Provide
	Arbitrary<MutatedToken> refreshTokens() {
		return MutatedToken.forEndpointsTaking(false);
	}

	/** Every endpoint that takes an access token, with a body it would accept. */
	@Provide
	Arbitrary<FuzzCase> bearerEndpoints() {
		return Arbitraries.of(request("GET", "/api/me", null), request("GET", "/api/me/sessions", null),
				request("POST", "/api/auth/logout-all", null),
				request("PUT", "/api/me/password",
						"{\"current_password\":\"not the password at all\",\"new_password\":\"another long password 123\"}"),
				request("DELETE", "/api/me/sessions/" + USER_SESSION, null),
				request("GET", "/api/admin/users?page=0&size=5", null),
				request("PUT", "/api/admin/users/fuzz-target/roles", "{\"roles\":[\"USER\"]}"),
				request("PUT", "/api/admin/users/fuzz-target/enabled", "{\"enabled\":true}"));
	}

	@Provide
	Arbitrary<FuzzCase> refreshEndpoints() {
		String body = "{\"refresh_token\":\"" + TOKEN + "\"}";
		return Arbitraries.of(request("POST", "/api/auth/refresh", body), request("POST", "/api/auth/logout", body));
	}

	@Provide
	Arbitrary<String> readEndpoints() {
		return Arbitraries.of("/api/me", "/api/me/sessions");
	}

	private static FuzzCase request(String method, String path, String json) {
		List<Header> headers = new ArrayList<>();
		if (json != null) {
			headers.add(new Header("Content-Type", Requests.JSON));
		}
		return new FuzzCase(method, path, headers, (json != null) ? json.getBytes(StandardCharsets.UTF_8) : null, false);
	}

	/** Where and how the user's valid access token is sent. */
	enum Placement {

		TWO_HEADERS(true, false, "?", "Bearer " + TOKEN, "Bearer " + TOKEN),
		TWO_HEADERS_SECOND_JUNK(true, false, "?", "Bearer " + TOKEN, "Bearer junk"),
		TWO_HEADERS_FIRST_JUNK(true, false, "?", "Bearer junk", "Bearer " + TOKEN),
		TWO_HEADERS_OTHER_SCHEME(true, false, "?", "Bearer " + TOKEN, "Basic YTpi"),
		HEADER_AND_QUERY(true, false, "?access_token=" + TOKEN, "Bearer " + TOKEN),
		HEADER_AND_OTHER_QUERY_TOKEN(true, false, "?x=1&access_token=" + ADMIN_ACCESS, "Bearer " + TOKEN),
		HEADER_AND_EMPTY_QUERY_TOKEN(false, false, "?access_token=", "Bearer " + TOKEN),
		HEADER_AND_ENCODED_QUERY_NAME(false, false, "?access%5Ftoken=" + TOKEN, "Bearer " + TOKEN),
		HEADER_AND_UPPER_CASE_QUERY_NAME(false, false, "?ACCESS_TOKEN=" + TOKEN, "Bearer " + TOKEN),
		QUERY_ONLY(false, false, "?access_token=" + TOKEN),
		SCHEME_LOWER_CASE(false, true, "?", "bearer " + TOKEN),
		SCHEME_UPPER_CASE(false, true, "?", "BEARER " + TOKEN),
		SCHEME_MIXED_CASE(false, true, "?", "bEaReR " + TOKEN),
		TWO_SPACES(false, false, "?", "Bearer  " + TOKEN),
		TAB(false, false, "?", "Bearer\t" + TOKEN),
		NO_SPACE(false, false, "?", "Bearer" + TOKEN),
		SCHEME_ONLY(false, false, "?", "Bearer"),
		SCHEME_AND_SPACE(false, false, "?", "Bearer "),
		EMPTY(false, false, "?", ""),
		BASIC(false, false, "?", "Basic " + TOKEN),
		OTHER_SCHEME(false, false, "?", "Token " + TOKEN),
		TWO_TOKENS(false, false, "?", "Bearer " + TOKEN + " " + TOKEN),
		COMMA_LIST(false, false, "?", "Bearer " + TOKEN + ", Bearer " + TOKEN),
		QUOTED(false, false, "?", "Bearer \"" + TOKEN + "\""),
		PADDED(false, false, "?", "Bearer " + TOKEN + "=="),
		BEARER_TWICE(false, false, "?", "Bearer Bearer " + TOKEN),
		ADMIN_TOKEN_WITH_USER_IN_QUERY(true, false, "?access_token=" + USER_ACCESS, "Bearer " + ADMIN_ACCESS);

		final boolean twoCredentials;

		final boolean valid;

		private final String query;

		private final String[] authorization;

		Placement(boolean twoCredentials, boolean valid, String query, String... authorization) {
			this.twoCredentials = twoCredentials;
			this.valid = valid;
			this.query = query;
			this.authorization = authorization;
		}

		FuzzCase request(String path) {
			List<Header> headers = new ArrayList<>();
			for (String value : this.authorization) {
				headers.add(new Header("Authorization", value));
			}
			return new FuzzCase("GET", path + (this.query.equals("?") ? "" : this.query), headers, null, false);
		}

	}

}
