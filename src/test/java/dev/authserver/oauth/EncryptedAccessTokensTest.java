package dev.authserver.oauth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.authserver.support.Api;
import dev.authserver.support.Api.Tokens;
import dev.authserver.support.IntegrationTest;
import dev.authserver.token.AccessTokens;
import dev.authserver.token.JwtProperties;
import dev.authserver.token.ServerKeys;
import dev.authserver.token.SigningKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server with {@code auth.jwt.encryption=dir} (docs/tokens.md): the access tokens it issues
 * are JWEs that the bearer filter, introspection and revocation accept, and a signed token
 * that is not encrypted, even one with our own signature, is refused.
 */
@IntegrationTest
@TestPropertySource(properties = { "auth.jwt.encryption=dir",
		"auth.jwt.encryption-key=ZW5jcnlwdGlvbi1rZXktZm9yLXRlc3RzLW9ubHktMzI=",
		"auth.services[0].id=orders", "auth.services[0].secret=orders-secret-for-tests" })
class EncryptedAccessTokensTest {

	private static final String ORDERS = TokenEndpointsTest.basic("orders", "orders-secret-for-tests");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Api api;

	@Autowired
	SigningKeys keys;

	@Autowired
	JwtProperties properties;

	@Test
	void signupWhenEncryptionOnThenAccessTokenIsAJweTheServerAccepts() {
		Tokens tokens = this.api.signup();
		String[] segments = tokens.accessToken().split("\\.", -1);
		assertThat(segments).hasSize(5);
		assertThat(new String(Base64.getUrlDecoder().decode(segments[0]), StandardCharsets.UTF_8))
			.contains("\"alg\":\"dir\"", "\"enc\":\"A256GCM\"", "\"cty\":\"JWT\"");
		// refresh tokens are read by the server alone and stay signed only
		assertThat(tokens.refreshToken().split("\\.", -1)).hasSize(3);
		assertThat(this.api.get("/api/me", tokens.accessToken())).hasStatusOk();
		assertThat(this.api.refresh(tokens.refreshToken())).hasStatusOk();
	}

	@Test
	void bearerWhenSignedButNotEncryptedThenUnauthorized() {
		Tokens tokens = this.api.signup();
		assertThat(this.api.get("/api/me", tokens.accessToken())).hasStatusOk();
		// the same claims, signed with the server's own key, but not encrypted
		AccessTokens signingOnly = new AccessTokens(ServerKeys.withoutEncryption(this.keys), this.properties,
				java.time.Clock.systemUTC());
		String signed = signingOnly.issue(UUID.randomUUID(), "mallory", List.of("ADMIN"), UUID.randomUUID()).value();
		assertThat(signed.split("\\.", -1)).hasSize(3);

		MvcTestResult result = this.api.get("/api/me", signed);
		assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("invalid_token");
		assertThat(introspect("token=" + signed)).bodyJson().isStrictlyEqualTo("{\"active\":false}");
	}

	@Test
	void introspectAndRevokeWhenEncryptedTokenThenAnsweredFromItsInnerClaims() {
		Tokens tokens = this.api.signup();
		MvcTestResult live = introspect("token=" + tokens.accessToken());
		assertThat(live).hasStatusOk().bodyJson().extractingPath("$.active").isEqualTo(true);
		assertThat(live).bodyJson().extractingPath("$.aud").isEqualTo("api");

		assertThat(this.mvc.post()
			.uri("/api/auth/revoke")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("token=" + tokens.accessToken())
			.exchange()).hasStatusOk();
		assertThat(introspect("token=" + tokens.accessToken())).bodyJson().isStrictlyEqualTo("{\"active\":false}");
		assertThat(this.api.get("/api/me", tokens.accessToken())).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	private MvcTestResult introspect(String form) {
		return this.mvc.post()
			.uri("/api/auth/introspect")
			.header("Authorization", ORDERS)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content(form)
			.exchange();
	}

}
