package dev.authserver.attack;

import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


import dev.authserver.attack.Forgery.Draft;
import dev.authserver.token.TokenForge;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 8725 section 3.1 and RFC 7515 section 5.2: a token without its own valid signature
 * is refused, whether the signature is gone, cut, grown, zeroed, borrowed from another
 * token or made with a key someone could guess.
 */
class SignatureStrippingAttackTest extends AttackTest {

	@Test
	void meWhenForgedByTheRulesThenAccepted() {
		this.attacker.assertAccessAccepted(this.forgery.access().signed());
	}

	@Test
	void meWhenSignatureRemovedThenInvalidToken() {
		String[] segments = TokenForge.segments(this.forgery.access().signed());

		this.attacker.assertAccessRejected(segments[0] + "." + segments[1] + ".");
		this.attacker.assertAccessRejected(segments[0] + "." + segments[1]);
	}

	@Test
	void refreshWhenSignatureRemovedThenInvalidToken() {
		this.attacker.assertRefreshAttackFails((draft) -> withSignature(draft.signed(), (signature) -> ""));
		this.attacker.assertRefreshAttackFails((draft) -> {
			String[] segments = TokenForge.segments(draft.signed());
			return segments[0] + "." + segments[1];
		});
	}

	@Test
	void meWhenSignatureOfAnotherTokenThenInvalidToken() {
		// a real user's real token lends its signature to an administrator's claims
		String genuine = this.attacker.signup().accessToken();
		String otherSignature = TokenForge.segments(genuine)[2];
		String forged = withSignature(this.forgery.access().signed(), (signature) -> otherSignature);

		this.attacker.assertAccessRejected(forged);
	}

	@Test
	void meWhenGenuineClaimsWithSignatureOfAnotherGenuineTokenThenInvalidToken() {
		String first = this.attacker.signup().accessToken();
		String second = this.attacker.signup().accessToken();

		this.attacker.assertAccessRejected(withSignature(first, (signature) -> TokenForge.segments(second)[2]));
	}

	@Test
	void refreshWhenSignatureOfAnotherRefreshTokenThenInvalidToken() {
		String other = this.attacker.signup().refreshToken();

		this.attacker.assertRefreshAttackFails(
				(draft) -> withSignature(draft.signed(), (signature) -> TokenForge.segments(other)[2]));
	}

	@Test
	void refreshWhenSignatureOfItsOwnAccessTokenThenInvalidToken() {
		this.attacker.assertRefreshAttackFails((draft) -> {
			// the access token issued alongside is signed by the same server, with the other key
			String access = this.forgery.access().signed();
			return withSignature(draft.signed(), (signature) -> TokenForge.segments(access)[2]);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "drop-last", "drop-two", "drop-four", "first-char", "half", "append-A", "append-AAAA",
			"doubled", "trailing-dot", "flip-first", "flip-last" })
	void meWhenSignatureTruncatedExtendedOrAlteredThenInvalidToken(String change) {
		this.attacker.assertAccessRejected(withSignature(this.forgery.access().signed(), alter(change)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "drop-last", "first-char", "append-A", "doubled", "flip-last" })
	void refreshWhenSignatureTruncatedExtendedOrAlteredThenInvalidToken(String change) {
		this.attacker.assertRefreshAttackFails((draft) -> withSignature(draft.signed(), alter(change)));
	}

	@Test
	void meWhenSignatureAllZeroThenInvalidToken() {
		// 32 zero bytes: the length of a real HS256 signature, and what a careless comparison may skip
		String zeros = TokenForge.encode(new byte[32]);
		assertThat(zeros).hasSize(43);

		this.attacker.assertAccessRejected(withSignature(this.forgery.access().signed(), (signature) -> zeros));
		this.attacker.assertAccessRejected(withSignature(this.forgery.access().signed(), (signature) -> "A"));
		this.attacker.assertAccessRejected(
				withSignature(this.forgery.access().signed(), (signature) -> TokenForge.encode(new byte[64])));
	}

	@Test
	void refreshWhenSignatureAllZeroThenInvalidToken() {
		this.attacker.assertRefreshAttackFails(
				(draft) -> withSignature(draft.signed(), (signature) -> TokenForge.encode(new byte[32])));
	}

	@ParameterizedTest
	@ValueSource(strings = { "secret", "your-256-bit-secret", "zeros", "auth-server", "api", "password" })
	void meWhenSignedWithGuessableKeyThenInvalidToken(String guess) {
		byte[] key = guess.equals("zeros") ? new byte[32] : guess.getBytes(StandardCharsets.US_ASCII);

		this.attacker.assertAccessRejected(this.forgery.access().signedWith(key));
	}

	@Test
	void refreshWhenSignedWithGuessableKeyThenInvalidToken() {
		this.attacker.assertRefreshAttackFails((draft) -> draft.signedWith(new byte[32]));
		this.attacker.assertRefreshAttackFails(
				(draft) -> draft.signedWith("your-256-bit-secret".getBytes(StandardCharsets.US_ASCII)));
	}

	@Test
	void meWhenClaimsChangedAfterSigningThenInvalidToken() {
		Draft draft = this.forgery.access().claim("roles", "[\"USER\"]");
		String signature = TokenForge.segments(draft.signed())[2];
		draft.claim("roles", "[\"USER\",\"ADMIN\"]");
		String[] changed = TokenForge.segments(draft.signed());

		this.attacker.assertAccessRejected(changed[0] + "." + changed[1] + "." + signature);
	}

	private static String withSignature(String token, UnaryOperator<String> change) {
		String[] segments = TokenForge.segments(token);
		return segments[0] + "." + segments[1] + "." + change.apply(segments[2]);
	}

	private static UnaryOperator<String> alter(String change) {
		return (signature) -> switch (change) {
			case "drop-last" -> signature.substring(0, signature.length() - 1);
			case "drop-two" -> signature.substring(0, signature.length() - 2);
			case "drop-four" -> signature.substring(0, signature.length() - 4);
			case "first-char" -> signature.substring(0, 1);
			case "half" -> signature.substring(0, signature.length() / 2);
			case "append-A" -> signature + "A";
			case "append-AAAA" -> signature + "AAAA";
			case "doubled" -> signature + signature;
			case "trailing-dot" -> signature + ".";
			case "flip-first" -> flip(signature, 0);
			case "flip-last" -> flip(signature, signature.length() - 1);
			default -> throw new IllegalArgumentException(change);
		};
	}

	/** Changes one character to another whose meaningful bits differ. */
	private static String flip(String signature, int at) {
		char c = signature.charAt(at);
		// for the last character only its top four bits carry data: move by 16 places in the alphabet
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		char other = alphabet.charAt((alphabet.indexOf(c) + 16) % 64);
		return signature.substring(0, at) + other + signature.substring(at + 1);
	}

}
