package dev.authserver.attack;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;


import dev.authserver.attack.Forgery.Draft;
import dev.authserver.token.TokenForge;

import static dev.authserver.attack.Forgery.str;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 8725 sections 2.1 and 3.1: the token never chooses how it is verified. {@code none} in
 * any spelling, a stronger HMAC over the same key, or a public-key algorithm whose
 * "public key" is our HMAC key (the classic confusion) are all refused with 401.
 */
class AlgorithmConfusionAttackTest extends AttackTest {

	@Test
	void meWhenForgedByTheRulesThenAccepted() {
		// the control: every rejection below is the attacked rule's, not a slip of the forge
		this.attacker.assertAccessAccepted(this.forgery.access().signed());
	}

	@Test
	void refreshWhenForgedFromLiveTokenThenSameTokenAndAccepted() {
		var live = this.attacker.signup();

		String forged = this.forgery.refresh(live.refreshToken()).signed();

		assertThat(forged).isEqualTo(live.refreshToken());
		assertThat(this.attacker.refresh(forged)).hasStatusOk();
	}

	@ParameterizedTest
	@ValueSource(strings = { "none", "None", "NONE", "nOnE" })
	void meWhenAlgNoneAndSignatureEmptyThenInvalidToken(String alg) {
		Draft draft = this.forgery.access().header("alg", str(alg));

		this.attacker.assertAccessRejected(TokenForge.unsigned(draft.headerJson(), draft.claimsJson()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "none", "None", "NONE", "nOnE" })
	void meWhenAlgNoneAndSignatureKeptThenInvalidToken(String alg) {
		Draft draft = this.forgery.access();
		String signature = TokenForge.segments(draft.signed())[2];
		draft.header("alg", str(alg));
		String kept = TokenForge.encode(draft.headerJson()) + "." + TokenForge.encode(draft.claimsJson()) + "."
				+ signature;

		this.attacker.assertAccessRejected(kept);
		// a valid HS256 signature over the very header that says none: only the alg can refuse it
		this.attacker.assertAccessRejected(draft.signed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "none", "None", "NONE", "nOnE" })
	void refreshWhenAlgNoneThenInvalidToken(String alg) {
		this.attacker.assertRefreshAttackFails((draft) -> {
			draft.header("alg", str(alg));
			return TokenForge.unsigned(draft.headerJson(), draft.claimsJson());
		});
		this.attacker.assertRefreshAttackFails((draft) -> draft.header("alg", str(alg)).signed());
	}

	@ParameterizedTest
	@CsvSource({ "HS384, HmacSHA384", "HS512, HmacSHA512" })
	void meWhenStrongerHmacOverSameKeyThenInvalidToken(String alg, String mac) {
		Draft draft = this.forgery.access().header("alg", str(alg));

		this.attacker.assertAccessRejected(
				TokenForge.sign(draft.headerJson(), draft.claimsJson(), this.forgery.accessKey(), mac));
		// and the header saying so over a signature of the length we expect
		this.attacker.assertAccessRejected(draft.signed());
	}

	@ParameterizedTest
	@CsvSource({ "HS384, HmacSHA384", "HS512, HmacSHA512" })
	void refreshWhenStrongerHmacOverSameKeyThenInvalidToken(String alg, String mac) {
		this.attacker.assertRefreshAttackFails((draft) -> {
			draft.header("alg", str(alg));
			return TokenForge.sign(draft.headerJson(), draft.claimsJson(), draft.key(), mac);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512",
			"EdDSA", "ES256K" })
	void meWhenPublicKeyAlgorithmVerifiedWithServerKeyAsHmacSecretThenInvalidToken(String alg) {
		Draft draft = this.forgery.access().header("alg", str(alg));
		byte[] raw = this.forgery.accessKey();
		// the key as the server holds it, and as it is written in the configuration
		byte[] configured = Base64.getEncoder().encodeToString(raw).getBytes(StandardCharsets.US_ASCII);
		byte[] pem = ("-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(raw)
				+ "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.US_ASCII);

		for (byte[] secret : new byte[][] { raw, configured, pem }) {
			this.attacker.assertAccessRejected(TokenForge.sign(draft.headerJson(), draft.claimsJson(), secret));
			this.attacker.assertAccessRejected(
					TokenForge.sign(draft.headerJson(), draft.claimsJson(), secret, TokenForge.HS512));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "RS256", "ES256", "PS256", "EdDSA" })
	void refreshWhenPublicKeyAlgorithmVerifiedWithServerKeyAsHmacSecretThenInvalidToken(String alg) {
		this.attacker.assertRefreshAttackFails((draft) -> draft.header("alg", str(alg)).signed());
		this.attacker.assertRefreshAttackFails(
				(draft) -> draft.header("alg", str(alg)).signedWith(this.forgery.accessKey()));
	}

	@Test
	void meWhenAlgMissingThenInvalidToken() {
		this.attacker.assertAccessRejected(this.forgery.access().withoutHeader("alg").signed());
	}

	@Test
	void refreshWhenAlgMissingThenInvalidToken() {
		this.attacker.assertRefreshAttackFails((draft) -> draft.withoutHeader("alg").signed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "256", "true", "null", "{}", "[]", "[\"HS256\"]", "{\"alg\":\"HS256\"}",
			"\"\"", "\"hs256\"", "\"HS256 \"", "\" HS256\"", "\"HS256\\u0000\"", "\"HS 256\"", "\"HS-256\"",
			"\"HMAC-SHA256\"", "\"dir\"" })
	void meWhenAlgNotTheStringHs256ThenInvalidToken(String alg) {
		this.attacker.assertAccessRejected(this.forgery.access().header("alg", alg).signed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "256", "null", "[\"HS256\"]", "\"hs256\"", "\"HS256\\u0000\"" })
	void refreshWhenAlgNotTheStringHs256ThenInvalidToken(String alg) {
		this.attacker.assertRefreshAttackFails((draft) -> draft.header("alg", alg).signed());
	}

}
