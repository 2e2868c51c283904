package dev.authserver.oauth;

import java.util.Base64;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.authserver.support.Api;
import dev.authserver.support.Api.Tokens;
import dev.authserver.support.IntegrationTest;
import dev.authserver.token.ServerKeys;
import dev.authserver.token.SigningKeys;
import dev.authserver.token.TokenForge;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoints other services and clients call (docs/tokens.md): the JWK Set and the
 * metadata, introspection (RFC 7662) for service clients, revocation (RFC 7009), and their
 * answers to bad input.
 */
@IntegrationTest
@TestPropertySource(properties = { "auth.services[0].id=orders", "auth.services[0].secret=orders-secret-for-tests" })
class TokenEndpointsTest {

	private static final String ORDERS = basic("orders", "orders-secret-for-tests");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Api api;

	@Autowired
	SigningKeys keys;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void jwksWhenHs256ThenNoKeyAndCacheable() {
		MvcTestResult result = this.mvc.get().uri("/.well-known/jwks.json").exchange();
		assertThat(result).hasStatusOk().bodyJson().isEqualTo("{\"keys\":[]}");
		assertThat(result.getResponse().getHeader("Cache-Control")).contains("public").contains("max-age=");
	}

	@Test
	void metadataThenAbsoluteUrlsOfWhatExistsAndNothingElse() {
		MvcTestResult result = this.mvc.get().uri("/.well-known/oauth-authorization-server").exchange();
		assertThat(result).hasStatusOk();
		Map<String, Object> metadata = JsonPath.read(Api.body(result), "$");
		assertThat(metadata).containsOnlyKeys("issuer", "jwks_uri", "introspection_endpoint",
				"introspection_endpoint_auth_methods_supported", "revocation_endpoint",
				"revocation_endpoint_auth_methods_supported");
		assertThat(metadata).containsEntry("issuer", "auth-server")
			.containsEntry("jwks_uri", "http://localhost/.well-known/jwks.json")
			.containsEntry("introspection_endpoint", "http://localhost/api/auth/introspect")
			.containsEntry("revocation_endpoint", "http://localhost/api/auth/revoke");
		// built from the request's host: no shared cache may keep it for another client
		assertThat(result.getResponse().getHeader("Cache-Control")).contains("private").doesNotContain("public");
		assertThat(result.getResponse().getHeaders("Vary")).contains("Host");
		MvcTestResult forged = this.mvc.get().uri("/.well-known/oauth-authorization-server")
			.header("Host", "evil.example")
			.exchange();
		assertThat(forged.getResponse().getHeader("Cache-Control")).contains("private");
	}

	@Test
	void introspectWhenLiveThenActiveWithClaimsAndAfterLogoutInactiveAndNothingElse() {
		Tokens tokens = this.api.signup();
		MvcTestResult live = introspect(ORDERS, "token=" + tokens.accessToken());
		assertThat(live).hasStatusOk();
		assertThat(live.getResponse().getHeader("Cache-Control")).contains("no-store");
		Map<String, Object> body = JsonPath.read(Api.body(live), "$");
		assertThat(body).containsEntry("active", true)
			.containsEntry("token_type", "access_token")
			.containsEntry("iss", "auth-server")
			.containsEntry("aud", "api")
			.containsKeys("sub", "username", "roles", "iat", "exp", "jti");

		assertThat(this.api.logout(tokens.refreshToken())).hasStatus(HttpStatus.NO_CONTENT);
		assertThat(introspect(ORDERS, "token=" + tokens.accessToken())).hasStatusOk()
			.bodyJson()
			.isStrictlyEqualTo("{\"active\":false}");
	}

	@Test
	void introspectWhenNotALiveAccessTokenThenInactive() {
		Tokens tokens = this.api.signup();
		String forged = tokens.accessToken().substring(0, tokens.accessToken().length() - 2) + "AA";
		for (String token : new String[] { tokens.refreshToken(), forged, "garbage", "a".repeat(9000) }) {
			assertThat(introspect(ORDERS, "token=" + token + "&token_type_hint=access_token")).hasStatusOk()
				.bodyJson()
				.isStrictlyEqualTo("{\"active\":false}");
		}
	}

	@Test
	void introspectWhenSignedByUsForAnotherAudienceThenInactive() {
		String access = this.api.signup().accessToken();
		String claims = new String(Base64.getUrlDecoder().decode(access.split("\\.")[1]),
				java.nio.charset.StandardCharsets.UTF_8);
		String otherAudience = TokenForge.sign(TokenForge.object(TokenForge.header("at+jwt", this.keys.keyId())),
				claims.replace("\"aud\":\"api\"", "\"aud\":\"billing\""), ServerKeys.accessKey(this.keys));
		String sameAudience = TokenForge.sign(TokenForge.object(TokenForge.header("at+jwt", this.keys.keyId())), claims,
				ServerKeys.accessKey(this.keys));
		assertThat(introspect(ORDERS, "token=" + otherAudience)).bodyJson().isStrictlyEqualTo("{\"active\":false}");
		// revocation does not act on it either: the session it names goes on
		assertThat(revoke("token=" + otherAudience)).hasStatusOk();
		assertThat(introspect(ORDERS, "token=" + sameAudience)).bodyJson().extractingPath("$.active").isEqualTo(true);
		assertThat(this.api.get("/api/me", access)).hasStatusOk();
	}

	@Test
	void introspectWhenNoOrWrongClientCredentialThenInvalidClientWithBasicChallenge() {
		String access = this.api.signup().accessToken();
		for (String authorization : new String[] { null, basic("orders", "wrong-secret-for-tests"),
				basic("nobody", "orders-secret-for-tests"), "Bearer " + access, "Basic !!!", "Basic " + encode("orders") }) {
			MvcTestResult result = introspect(authorization, "token=" + access);
			assertThat(result).as(String.valueOf(authorization)).hasStatus(HttpStatus.UNAUTHORIZED)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("invalid_client");
			assertThat(result.getResponse().getHeader("WWW-Authenticate")).isEqualTo("Basic realm=\"api\"");
		}
	}

	@Test
	void introspectAndRevokeWhenBadRequestThenProblem() {
		assertThat(introspect(ORDERS, "token_type_hint=access_token")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.code")
			.isEqualTo("invalid_request");
		assertThat(revoke("token_type_hint=refresh_token")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.code")
			.isEqualTo("invalid_request");
		for (String path : new String[] { "/api/auth/introspect", "/api/auth/revoke" }) {
			MvcTestResult json = this.mvc.post()
				.uri(path)
				.header("Authorization", ORDERS)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"token\":\"x\"}")
				.exchange();
			assertThat(json).as(path).hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.bodyJson()
				.extractingPath("$.code")
				.isEqualTo("unsupported_media_type");
			MvcTestResult big = this.mvc.post()
				.uri(path)
				.header("Authorization", ORDERS)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.content("token=" + "a".repeat(70_000))
				.exchange();
			assertThat(big).as(path).hasStatus(HttpStatus.CONTENT_TOO_LARGE)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		}
	}

	@Test
	void introspectAndRevokeWhenTokenInUrlOrTwiceThenInvalidRequestAndNothingRevoked() {
		Tokens tokens = this.api.signup();
		for (String path : new String[] { "/api/auth/introspect", "/api/auth/revoke" }) {
			MvcTestResult inUrl = this.mvc.post()
				.uri(path + "?token=" + tokens.accessToken())
				.header("Authorization", ORDERS)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.content("token_type_hint=access_token")
				.exchange();
			assertThat(inUrl).as(path).hasStatus(HttpStatus.BAD_REQUEST)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.bodyJson()
				.extractingPath("$.code")
				.isEqualTo("invalid_request");
			MvcTestResult twice = this.mvc.post()
				.uri(path)
				.header("Authorization", ORDERS)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.content("token=" + tokens.accessToken() + "&token=" + tokens.refreshToken())
				.exchange();
			assertThat(twice).as(path).hasStatus(HttpStatus.BAD_REQUEST)
				.bodyJson()
				.extractingPath("$.detail")
				.asString()
				.contains("once");
		}
		assertThat(this.api.get("/api/me", tokens.accessToken())).hasStatusOk();
		assertThat(this.api.refresh(tokens.refreshToken())).hasStatusOk();
	}

	@Test
	void revokeWhenRefreshTokenThenSessionEndedBothTokensRefused() {
		Tokens tokens = this.api.signup();
		MvcTestResult result = revoke("token=" + tokens.refreshToken() + "&token_type_hint=refresh_token");
		assertThat(result).hasStatusOk();
		assertThat(result.getResponse().getContentAsByteArray()).isEmpty();
		assertThat(this.api.refresh(tokens.refreshToken())).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.api.get("/api/me", tokens.accessToken())).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void revokeWhenAccessTokenThenItsSessionEnded() {
		Tokens tokens = this.api.signup();
		assertThat(revoke("token=" + tokens.accessToken())).hasStatusOk();
		assertThat(this.api.get("/api/me", tokens.accessToken())).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.api.refresh(tokens.refreshToken())).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void revokeWhenUnknownOrInvalidTokenThenOkAndNothingChanges() {
		Tokens tokens = this.api.signup();
		Integer revocations = this.jdbc.queryForObject("select count(*) from revocations", Integer.class);
		for (String token : new String[] { "garbage", tokens.refreshToken() + "x", "a.b.c" }) {
			MvcTestResult result = revoke("token=" + token);
			assertThat(result).as(token).hasStatusOk();
			assertThat(result.getResponse().getContentAsByteArray()).isEmpty();
		}
		assertThat(this.jdbc.queryForObject("select count(*) from revocations", Integer.class)).isEqualTo(revocations);
		assertThat(this.api.get("/api/me", tokens.accessToken())).hasStatusOk();
		assertThat(this.api.refresh(tokens.refreshToken())).hasStatusOk();
	}

	private MvcTestResult introspect(String authorization, String form) {
		var request = this.mvc.post().uri("/api/auth/introspect").contentType(MediaType.APPLICATION_FORM_URLENCODED).content(form);
		if (authorization != null) {
			request = request.header("Authorization", authorization);
		}
		return request.exchange();
	}

	private MvcTestResult revoke(String form) {
		return this.mvc.post()
			.uri("/api/auth/revoke")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content(form)
			.exchange();
	}

	static String basic(String id, String secret) {
		return "Basic " + encode(id + ":" + secret);
	}

	private static String encode(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

}
