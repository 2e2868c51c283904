package dev.authserver.attack;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import dev.authserver.attack.Forgery.Draft;
import dev.authserver.support.Api;
import dev.authserver.support.Api.Tokens;
import dev.authserver.token.TokenForge;

import static dev.authserver.attack.Forgery.str;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 8725 sections 2.8 and 3.11 and docs/tokens.md: a refresh token is never accepted as
 * an access token, nor an access token as a refresh token. Each kind has its own
 * {@code typ}, audience and key, and no mix of the three passes for the other kind.
 */
class TokenTypeConfusionAttackTest extends AttackTest {

	private static final String ADMIN_PASSWORD = "admin-password-for-tests";

	private Api api;

	private MockMvcTester mvc;

	@BeforeEach
	void setUp(ApplicationContext context) {
		this.api = context.getBean(Api.class);
		this.mvc = context.getBean(MockMvcTester.class);
	}

	@Test
	void keysWhenDerivedThenAccessAndRefreshKeysDiffer() {
		assertThat(this.forgery.refreshKey()).isNotEqualTo(this.forgery.accessKey());
	}

	@Test
	void meWhenRefreshTokenAsBearerThenInvalidToken() {
		Tokens tokens = this.attacker.signup();

		Attacker.assertInvalidToken(this.attacker.me(tokens.refreshToken()), tokens.refreshToken());
		for (String path : new String[] { "/api/me/sessions", "/api/auth/logout-all" }) {
			var request = path.endsWith("logout-all") ? this.mvc.post() : this.mvc.get();
			Attacker.assertInvalidToken(request.uri(path)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.refreshToken())
				.exchange(), tokens.refreshToken());
		}
		// the session is as it was: its refresh token still rotates
		assertThat(this.attacker.refresh(tokens.refreshToken())).hasStatusOk();
	}

	@Test
	void adminWhenAdministratorsRefreshTokenAsBearerThenInvalidToken() {
		Tokens admin = this.api.login("admin", ADMIN_PASSWORD);
		assertThat(this.attacker.adminUsers(admin.accessToken())).hasStatusOk();

		this.attacker.assertAccessRejected(admin.refreshToken());
	}

	@Test
	void refreshWhenAccessTokenInBodyThenInvalidTokenAndSessionUntouched() {
		Tokens tokens = this.attacker.signup();

		Attacker.assertInvalidToken(this.attacker.refresh(tokens.accessToken()), tokens.accessToken());
		assertThat(this.attacker.refresh(tokens.refreshToken())).hasStatusOk();
	}

	@Test
	void logoutWhenAccessTokenInBodyThenInvalidTokenAndSessionNotEnded() {
		Tokens tokens = this.attacker.signup();

		Attacker.assertInvalidToken(this.attacker.logout(tokens.accessToken()), tokens.accessToken());
		assertThat(this.attacker.me(tokens.accessToken())).hasStatusOk();
		assertThat(this.attacker.refresh(tokens.refreshToken())).hasStatusOk();
	}

	@Test
	void refreshWhenRefreshTokenSignedWithAccessKeyThenInvalidToken() {
		// everything of a live refresh token, typ rt+jwt included, but the key
		this.attacker.assertRefreshAttackFails((draft) -> draft.signedWith(this.forgery.accessKey()));
	}

	@Test
	void logoutWhenRefreshTokenSignedWithAccessKeyThenInvalidTokenAndSessionNotEnded() {
		Tokens tokens = this.attacker.signup();
		String forged = this.forgery.refresh(tokens.refreshToken()).signedWith(this.forgery.accessKey());

		Attacker.assertInvalidToken(this.attacker.logout(forged), forged);
		assertThat(this.attacker.refresh(tokens.refreshToken())).hasStatusOk();
	}

	@Test
	void meWhenAccessTokenSignedWithRefreshKeyThenInvalidToken() {
		// everything of an access token the server accepts, but the key
		Draft draft = this.forgery.access();
		this.attacker.assertAccessAccepted(draft.signed());

		this.attacker.assertAccessRejected(draft.signedWith(this.forgery.refreshKey()));
	}

	@Test
	void meWhenGenuineAccessTokenResignedWithRefreshKeyThenInvalidToken() {
		String genuine = this.attacker.signup().accessToken();

		this.attacker.assertAccessRejected(this.forgery.access(genuine).signedWith(this.forgery.refreshKey()));
	}

	@Test
	void meWhenRefreshTokenDressedAsAccessTokenThenInvalidToken() {
		// a real refresh token given the typ, audience and claims of an access token
		Tokens tokens = this.attacker.signup();
		Draft draft = this.forgery.refresh(tokens.refreshToken())
			.header("typ", str("at+jwt"))
			.claim("aud", str(this.forgery.properties().audience()))
			.claim("preferred_username", str("mallory"))
			.claim("roles", "[\"USER\",\"ADMIN\"]");

		this.attacker.assertAccessRejected(draft.signed());
		// even under the access key its jti, a refresh token's, names no session
		this.attacker.assertAccessRejected(draft.signedWith(this.forgery.accessKey()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "at+jwt", "JWT", "MISSING" })
	void refreshWhenRefreshTokenWithOtherTypThenInvalidToken(String typ) {
		this.attacker.assertRefreshAttackFails((draft) -> {
			if (typ.equals("MISSING")) {
				draft.withoutHeader("typ");
			}
			else {
				draft.header("typ", str(typ));
			}
			return draft.signed();
		});
	}

	@Test
	void refreshWhenRefreshTokenWithAccessAudienceThenInvalidToken() {
		this.attacker.assertRefreshAttackFails(
				(draft) -> draft.claim("aud", str(this.forgery.properties().audience())).signed());
	}

	@Test
	void refreshWhenAccessTokenDressedAsRefreshTokenThenInvalidTokenAndSessionUntouched() {
		// a real access token given the typ, audience and session claim of a refresh token
		Tokens tokens = this.attacker.signup();
		String forged = dressedAsRefreshToken(tokens).signed();

		Attacker.assertInvalidToken(this.attacker.refresh(forged), forged);
		Attacker.assertInvalidToken(this.attacker.logout(forged), forged);
		assertThat(this.attacker.refresh(tokens.refreshToken())).hasStatusOk();
	}

	@Test
	void refreshWhenAccessTokenDressedAsRefreshTokenUnderRefreshKeyThenInvalidToken() {
		// with our refresh key its signature holds, but the store never issued its jti
		Tokens tokens = this.attacker.signup();
		String forged = dressedAsRefreshToken(tokens).signedWith(this.forgery.refreshKey());

		Attacker.assertInvalidToken(this.attacker.refresh(forged), forged);
		assertThat(this.attacker.refresh(tokens.refreshToken())).hasStatusOk();
	}

	@Test
	void meWhenAccessTokenWithRefreshTypThenInvalidToken() {
		this.attacker.assertAccessRejected(this.forgery.access().header("typ", str("rt+jwt")).signed());
	}

	@Test
	void meWhenRefreshTokenSegmentsSpliceIntoAccessTokenThenInvalidToken() {
		// header of one kind with payload and signature of the other, both ways round
		Tokens tokens = this.attacker.signup();
		String[] access = TokenForge.segments(tokens.accessToken());
		String[] refresh = TokenForge.segments(tokens.refreshToken());

		this.attacker.assertAccessRejected(access[0] + "." + refresh[1] + "." + refresh[2]);
		this.attacker.assertAccessRejected(refresh[0] + "." + access[1] + "." + access[2]);
		String spliced = access[0] + "." + refresh[1] + "." + refresh[2];
		Attacker.assertInvalidToken(this.attacker.refresh(spliced), spliced);
		assertThat(this.attacker.refresh(tokens.refreshToken())).hasStatusOk();
		assertThat(this.attacker.adminUsers(tokens.accessToken())).hasStatus(HttpStatus.FORBIDDEN);
	}

	private Draft dressedAsRefreshToken(Tokens tokens) {
		Draft refresh = this.forgery.refresh(tokens.refreshToken());
		return this.forgery.access(tokens.accessToken())
			.header("typ", str("rt+jwt"))
			.claim("aud", refresh.claim("aud"))
			.claim("sid", refresh.claim("sid"));
	}

}
