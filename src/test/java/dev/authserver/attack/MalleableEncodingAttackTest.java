package dev.authserver.attack;

import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpStatus;

import dev.authserver.attack.Forgery.Draft;
import dev.authserver.token.TokenForge;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/tokens.md, RFC 7515 section 2 and RFC 4648 section 3.5: one token has one spelling.
 * Every variant here is signed with our own key over exactly the bytes sent, so only the
 * encoding rule (canonical base64url of UTF-8 JSON objects, no duplicate names) can refuse
 * it: padding, the standard alphabet, whitespace, line breaks, non-zero trailing bits, case
 * changes, duplicate names, comments, trailing garbage, a BOM, invalid UTF-8 and JSON that
 * is not an object.
 */
class MalleableEncodingAttackTest extends AttackTest {

	private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

	@Test
	void meWhenForgedByTheRulesThenAccepted() {
		this.attacker.assertAccessAccepted(this.forgery.access().signed());
	}

	@Test
	void meWhenJsonWhitespaceVariesThenAccepted() {
		// JSON whitespace is no encoding trick: the searches below rely on it being accepted
		Draft draft = this.forgery.access();
		for (int spaces = 0; spaces < 4; spaces++) {
			this.attacker.assertAccessAccepted(spaced(draft, spaces, 3 - spaces).signed(draft));
		}
	}

	@Test
	void refreshWhenJsonWhitespaceVariesAndNotesAddedThenAccepted() {
		var live = this.attacker.signup();
		Draft draft = noted(this.forgery.refresh(live.refreshToken()));

		assertThat(this.attacker.refresh(spaced(draft, 1, 2).signed(draft))).hasStatusOk();
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2 })
	void meWhenSegmentPaddedThenInvalidToken(int segment) {
		Draft draft = this.forgery.access();
		Segments unaligned = find(draft, (found) -> found.header().length() % 4 > 1 && found.payload().length() % 4 > 1);
		this.attacker.assertAccessAccepted(unaligned.signed(draft));

		this.attacker.assertAccessRejected(unaligned.change(draft, segment, MalleableEncodingAttackTest::padded));
		this.attacker.assertAccessRejected(unaligned.change(draft, segment, (text) -> padded(text) + "=="));
		this.attacker.assertAccessRejected(unaligned.change(draft, segment, (text) -> text + "===="));
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2 })
	void refreshWhenSegmentPaddedThenInvalidToken(int segment) {
		this.attacker.assertRefreshAttackFails((draft) -> find(draft,
				(found) -> found.header().length() % 4 > 1 && found.payload().length() % 4 > 1)
			.change(draft, segment, MalleableEncodingAttackTest::padded));
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2 })
	void meWhenStandardBase64AlphabetThenInvalidToken(int segment) {
		Draft draft = noted(this.forgery.access());
		Segments urlSafe = find(draft, (found) -> hasUrlSafe(found.part(draft, segment)));
		this.attacker.assertAccessAccepted(urlSafe.signed(draft));

		String changed = urlSafe.change(draft, segment, (text) -> text.replace('-', '+').replace('_', '/'));

		assertThat(TokenForge.segments(changed)[segment]).containsAnyOf("+", "/");
		this.attacker.assertAccessRejected(changed);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2 })
	void refreshWhenStandardBase64AlphabetThenInvalidToken(int segment) {
		this.attacker.assertRefreshAttackFails((draft) -> find(noted(draft),
				(found) -> hasUrlSafe(found.part(draft, segment)))
			.change(draft, segment, (text) -> text.replace('-', '+').replace('_', '/')));
	}

	@ParameterizedTest
	@ValueSource(strings = { " ", "\t", "\u00a0", "\u2028", "\u3000", "%20", "+", "=", "*", "\u00e9" })
	void meWhenWhitespaceOrStrayCharacterInsideTokenThenInvalidToken(String stray) {
		Draft draft = this.forgery.access();
		Segments segments = Segments.of(draft);

		for (int segment = 0; segment < 3; segment++) {
			this.attacker.assertAccessRejected(segments.change(draft, segment, (text) -> text.substring(0, 10) + stray
					+ text.substring(10)));
		}
		// next to the dots, where a splitting parser might trim it away
		String[] parts = TokenForge.segments(segments.signed(draft));
		this.attacker.assertAccessRejected(draft.signedSegments(parts[0] + stray, parts[1]));
		this.attacker.assertAccessRejected(draft.signedSegments(parts[0], stray + parts[1]));
		this.attacker.assertAccessRejected(parts[0] + "." + parts[1] + "." + stray + parts[2]);
	}

	@ParameterizedTest
	@ValueSource(strings = { " ", "\t", "\n", "\r\n", "\u00a0", "\u0000" })
	void refreshWhenWhitespaceOrControlCharacterInsideTokenThenInvalidToken(String stray) {
		// in a JSON body a token can hold any character, line breaks included
		for (int segment = 0; segment < 3; segment++) {
			int changed = segment;
			this.attacker.assertRefreshAttackFails((draft) -> Segments.of(draft)
				.change(draft, changed, (text) -> text.substring(0, 10) + stray + text.substring(10)));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "\n", "\r\n", "\r\n ", "\r", "\u0000", "\u001b" })
	void meWhenLineBreakOrControlCharacterInsideBearerHeaderThenBadRequestBeforeAnyTokenCheck(String stray) {
		// RFC 9110 section 5.5 forbids these in a field value: the firewall answers 400 (over the
		// wire, Tomcat does), so no such token ever reaches verification, let alone passes it
		Draft draft = this.forgery.access();
		String token = Segments.of(draft).change(draft, 1, (text) -> text.substring(0, 10) + stray + text.substring(10));

		assertThat(this.attacker.me(token)).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(this.attacker.adminUsers(token)).hasStatus(HttpStatus.BAD_REQUEST);
	}

	@Test
	void refreshWhenSegmentsBrokenIntoMimeLinesThenInvalidToken() {
		for (String lineBreak : new String[] { "\r\n", "\n" }) {
			UnaryOperator<String> wrap = (text) -> String.join(lineBreak, text.split("(?<=\\G.{20})"));
			this.attacker.assertRefreshAttackFails((draft) -> Segments.of(draft).change(draft, 1, wrap));
			this.attacker.assertRefreshAttackFails((draft) -> Segments.of(draft).change(draft, 0, wrap));
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2 })
	void meWhenNonZeroTrailingBitsThenInvalidToken(int segment) {
		Draft draft = this.forgery.access();
		Segments unaligned = find(draft, (found) -> found.header().length() % 4 > 1 && found.payload().length() % 4 > 1);

		String changed = unaligned.change(draft, segment, MalleableEncodingAttackTest::withTrailingBitSet);

		this.attacker.assertAccessRejected(changed);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2 })
	void refreshWhenNonZeroTrailingBitsThenInvalidToken(int segment) {
		this.attacker.assertRefreshAttackFails((draft) -> find(draft,
				(found) -> found.header().length() % 4 > 1 && found.payload().length() % 4 > 1)
			.change(draft, segment, MalleableEncodingAttackTest::withTrailingBitSet));
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 5, 10, 17, 30, -2 })
	void meWhenLetterCaseSwappedInHeaderSegmentThenInvalidToken(int position) {
		Draft draft = this.forgery.access();
		String token = draft.signed();
		String[] parts = TokenForge.segments(token);
		int at = firstLetterFrom(parts[0], (position < 0) ? parts[0].length() + position : position);
		String swapped = parts[0].substring(0, at) + swapCase(parts[0].charAt(at)) + parts[0].substring(at + 1);

		// as a case-blind decoder would see it: same signature
		this.attacker.assertAccessRejected(swapped + "." + parts[1] + "." + parts[2]);
		// and signed anew over the swapped segment: it now decodes to other bytes
		this.attacker.assertAccessRejected(draft.signedSegments(swapped, parts[1]));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"ALG\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":KID}",
			"{\"Alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":KID}", "{\"alg\":\"hs256\",\"typ\":\"at+jwt\",\"kid\":KID}",
			"{\"alg\":\"Hs256\",\"typ\":\"at+jwt\",\"kid\":KID}", "{\"alg\":\"HS256\",\"typ\":\"AT+JWT\",\"kid\":KID}",
			"{\"alg\":\"HS256\",\"TYP\":\"at+jwt\",\"kid\":KID}", "{\"alg\":\"HS256\",\"typ\":\"At+Jwt\",\"kid\":KID}" })
	void meWhenHeaderNamesOrValuesInOtherCaseThenInvalidToken(String header) {
		Draft draft = this.forgery.access();

		this.attacker.assertAccessRejected(TokenForge.sign(header.replace("KID", Forgery.str(this.forgery.keyId())),
				draft.claimsJson(), this.forgery.accessKey()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"alg\":\"HS256\",\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":KID}",
			"{\"alg\":\"none\",\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":KID}",
			"{\"alg\":\"HS256\",\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":KID}",
			"{\"alg\":\"HS256\",\"typ\":\"rt+jwt\",\"typ\":\"at+jwt\",\"kid\":KID}",
			"{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"typ\":\"rt+jwt\",\"kid\":KID}",
			"{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"other\",\"kid\":KID}",
			"{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":KID,\"kid\":KID}",
			"{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":KID,\"\\u0061lg\":\"none\"}",
			"{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":KID,\"zip\":\"DEF\",\"zip\":null}" })
	void meWhenHeaderHasDuplicateNamesThenInvalidToken(String header) {
		Draft draft = this.forgery.access();

		this.attacker.assertAccessRejected(TokenForge.sign(header.replace("KID", Forgery.str(this.forgery.keyId())),
				draft.claimsJson(), this.forgery.accessKey()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "sub", "roles", "exp", "iat", "iss", "aud", "jti", "preferred_username", "nbf" })
	void meWhenPayloadHasDuplicateNameThenInvalidToken(String name) {
		Draft draft = this.forgery.access();
		String good = (draft.claim(name) != null) ? draft.claim(name) : Long.toString(this.forgery.now() - 10);
		String other = switch (name) {
			case "roles" -> "[\"USER\"]";
			case "exp", "iat", "nbf" -> Long.toString(this.forgery.now() - 1);
			default -> Forgery.str("other-" + name);
		};
		String claims = draft.withoutClaim(name).claimsJson();
		String body = claims.substring(1, claims.length() - 1);

		for (String[] values : new String[][] { { good, other }, { other, good }, { good, good } }) {
			String json = "{\"" + name + "\":" + values[0] + "," + body + ",\"" + name + "\":" + values[1] + "}";
			this.attacker.assertAccessRejected(TokenForge.sign(draft.headerJson(), json, this.forgery.accessKey()));
		}
	}

	@Test
	void meWhenPayloadDuplicateNameSpelledWithEscapesThenInvalidToken() {
		Draft draft = this.forgery.access();
		String claims = draft.claimsJson();

		for (String alias : new String[] { "r\\u006fles", "\\u0072oles", "\\u0072\\u006f\\u006c\\u0065\\u0073" }) {
			String json = claims.substring(0, claims.length() - 1) + ",\"" + alias + "\":[\"USER\"]}";
			this.attacker.assertAccessRejected(TokenForge.sign(draft.headerJson(), json, this.forgery.accessKey()));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "sid", "jti", "sub", "exp" })
	void refreshWhenPayloadHasDuplicateNameThenInvalidToken(String name) {
		this.attacker.assertRefreshAttackFails((draft) -> {
			String claims = draft.claimsJson();
			String json = claims.substring(0, claims.length() - 1) + ",\"" + name + "\":" + draft.claim(name) + "}";
			return TokenForge.sign(draft.headerJson(), json, draft.key());
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "/*c*/OBJ", "OBJ/*c*/", "OBJ//c", "//c\nOBJ", "#c\nOBJ", "{/*c*/INNER}",
			"{INNER/*c*/}", "{INNER//c\n}" })
	void meWhenJsonHasCommentsThenInvalidToken(String shape) {
		assertShapedHeaderAndClaimsRejected(shape);
	}

	@ParameterizedTest
	@ValueSource(strings = { "OBJx", "OBJ{}", "OBJOBJ", "OBJ]", "OBJ,", "OBJ;", "OBJ null", "OBJ\u0000", "OBJ\"",
			"OBJ}", "{INNER,}", "{INNER}}" })
	void meWhenTrailingGarbageAfterJsonThenInvalidToken(String shape) {
		assertShapedHeaderAndClaimsRejected(shape);
	}

	@ParameterizedTest
	@ValueSource(strings = { "EFBBBF", "FEFF", "FFFE", "0000FEFF" })
	void meWhenByteOrderMarkThenInvalidToken(String mark) {
		Draft draft = this.forgery.access();
		byte[] bom = HexFormat.of().parseHex(mark);

		this.attacker.assertAccessRejected(draft.signedBytes(concat(bom, draft.headerBytes()), draft.claimsBytes()));
		this.attacker.assertAccessRejected(draft.signedBytes(draft.headerBytes(), concat(bom, draft.claimsBytes())));
	}

	@Test
	void refreshWhenByteOrderMarkThenInvalidToken() {
		byte[] bom = HexFormat.of().parseHex("EFBBBF");

		this.attacker.assertRefreshAttackFails((draft) -> draft.signedBytes(concat(bom, draft.headerBytes()),
				draft.claimsBytes()));
		this.attacker.assertRefreshAttackFails((draft) -> draft.signedBytes(draft.headerBytes(),
				concat(bom, draft.claimsBytes())));
	}

	@ParameterizedTest
	// overlong slash and quote, lone continuation, cut sequence, UTF-16 surrogate, bytes never valid, 5-byte form
	@ValueSource(strings = { "C0AF", "C0A2", "80", "E282", "EDA080", "FF", "FE", "F888808080", "F4908080" })
	void meWhenInvalidUtf8ThenInvalidToken(String bad) {
		Draft draft = this.forgery.access().claim("preferred_username", "\"mal@lory\"");
		byte[] replacement = HexFormat.of().parseHex(bad);

		this.attacker.assertAccessRejected(
				draft.signedBytes(draft.headerBytes(), TokenForge.splice(draft.claimsBytes(), "@", replacement)));
		Draft header = this.forgery.access().header("typ", "\"at@jwt\"");
		this.attacker.assertAccessRejected(
				header.signedBytes(TokenForge.splice(header.headerBytes(), "@", replacement), header.claimsBytes()));
	}

	@Test
	void meWhenValidNonAsciiUtf8ThenAccepted() {
		// the control for the test above: well-formed UTF-8 goes through
		Draft draft = this.forgery.access().claim("preferred_username", "\"mal\u00f6ry\u2603\ud83d\ude00\"");

		this.attacker.assertAccessAccepted(draft.signed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "[OBJ]", "[]", "STRING", "null", "1", "true", "", " ", "{}" })
	void meWhenJsonNotAnObjectThenInvalidToken(String shape) {
		assertShapedHeaderAndClaimsRejected(shape);
	}

	@ParameterizedTest
	@ValueSource(strings = { "'single'", "unquoted", "trailing-comma", "nan", "leading-zero", "plus-sign", "hex",
			"raw-tab", "raw-newline", "bad-escape", "cut-escape" })
	void meWhenJsonIsLenientThenInvalidToken(String kind) {
		Draft draft = this.forgery.access();
		String claims = draft.claimsJson();
		long exp = Long.parseLong(draft.claim("exp"));
		String json = switch (kind) {
			case "'single'" -> claims.replace("\"mallory\"", "'mallory'");
			case "unquoted" -> claims.replace("\"preferred_username\"", "preferred_username");
			case "trailing-comma" -> claims.substring(0, claims.length() - 1) + ",}";
			case "nan" -> claims.substring(0, claims.length() - 1) + ",\"nbf\":NaN}";
			case "leading-zero" -> claims.replace("\"exp\":" + exp, "\"exp\":0" + exp);
			case "plus-sign" -> claims.replace("\"exp\":" + exp, "\"exp\":+" + exp);
			case "hex" -> claims.replace("\"exp\":" + exp, "\"exp\":0x" + Long.toHexString(exp));
			case "raw-tab" -> claims.replace("\"mallory\"", "\"mal\tlory\"");
			case "raw-newline" -> claims.replace("\"mallory\"", "\"mal\nlory\"");
			case "bad-escape" -> claims.replace("\"mallory\"", "\"mal\\xlory\"");
			case "cut-escape" -> claims.replace("\"mallory\"", "\"mal\\u00\"");
			default -> throw new IllegalArgumentException(kind);
		};
		assertThat(json).isNotEqualTo(claims);

		this.attacker.assertAccessRejected(TokenForge.sign(draft.headerJson(), json, this.forgery.accessKey()));
	}

	// helpers

	/**
	 * Header and payload segments of a draft, each JSON text with some leading spaces: JSON
	 * that means the same, spelled so that its base64url has a wanted shape.
	 */
	private record Segments(String header, String payload) {

		static Segments of(Draft draft) {
			return spaced(draft, 0, 0);
		}

		String signed(Draft draft) {
			return draft.signedSegments(this.header, this.payload);
		}

		String part(Draft draft, int segment) {
			return TokenForge.segments(signed(draft))[segment];
		}

		/**
		 * The token with one segment changed; a changed header or payload is signed anew,
		 * so the signature matches exactly what is sent.
		 */
		String change(Draft draft, int segment, UnaryOperator<String> change) {
			return switch (segment) {
				case 0 -> draft.signedSegments(change.apply(this.header), this.payload);
				case 1 -> draft.signedSegments(this.header, change.apply(this.payload));
				default -> {
					String[] parts = TokenForge.segments(signed(draft));
					yield parts[0] + "." + parts[1] + "." + change.apply(parts[2]);
				}
			};
		}

	}

	private static Segments spaced(Draft draft, int headerSpaces, int payloadSpaces) {
		return new Segments(TokenForge.encode("{" + " ".repeat(headerSpaces) + draft.headerJson().substring(1)),
				TokenForge.encode("{" + " ".repeat(payloadSpaces) + draft.claimsJson().substring(1)));
	}

	/** The first spelling, by leading spaces in header and payload, whose segments pass the test. */
	private static Segments find(Draft draft, Predicate<Segments> wanted) {
		for (int header = 0; header < 16; header++) {
			for (int payload = 0; payload < 16; payload++) {
				Segments segments = spaced(draft, header, payload);
				if (wanted.test(segments)) {
					return segments;
				}
			}
		}
		throw new IllegalStateException("No spelling of the token has the wanted shape");
	}

	/**
	 * An extra header parameter and claim, ignored by the server, holding characters whose
	 * base64 can be {@code -} or {@code _}: plain JSON of ASCII letters never encodes to them.
	 */
	private static Draft noted(Draft draft) {
		return draft.header("note", "\"~?>\"").claim("note", "\"~?>\"");
	}

	private static boolean hasUrlSafe(String segment) {
		return segment.indexOf('-') >= 0 || segment.indexOf('_') >= 0;
	}

	private static String padded(String segment) {
		return segment + "=".repeat((4 - segment.length() % 4) % 4);
	}

	/** Sets a bit of the last character that lies beyond the data: the bytes decode the same. */
	private static String withTrailingBitSet(String segment) {
		assertThat(segment.length() % 4).isIn(2, 3);
		int last = ALPHABET.indexOf(segment.charAt(segment.length() - 1));
		String changed = segment.substring(0, segment.length() - 1) + ALPHABET.charAt(last | 1);
		assertThat(changed).isNotEqualTo(segment);
		assertThat(Base64.getUrlDecoder().decode(changed)).isEqualTo(Base64.getUrlDecoder().decode(segment));
		return changed;
	}

	private static int firstLetterFrom(String text, int from) {
		for (int i = from; i < text.length(); i++) {
			if (Character.isLetter(text.charAt(i))) {
				return i;
			}
		}
		throw new IllegalStateException("No letter after " + from);
	}

	private static char swapCase(char c) {
		return Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
	}

	/** A good access token with its header, then its claims, put into the shape: each refused. */
	private void assertShapedHeaderAndClaimsRejected(String shape) {
		Draft draft = this.forgery.access();

		this.attacker.assertAccessRejected(TokenForge.sign(shape(shape, draft.headerJson()), draft.claimsJson(),
				this.forgery.accessKey()));
		this.attacker.assertAccessRejected(TokenForge.sign(draft.headerJson(), shape(shape, draft.claimsJson()),
				this.forgery.accessKey()));
	}

	/** Puts the JSON object into a shape: OBJ is the whole object, INNER its members, STRING it as a string. */
	private static String shape(String shape, String object) {
		if (shape.equals("STRING")) {
			return Forgery.str(object);
		}
		return shape.replace("OBJ", object).replace("INNER", object.substring(1, object.length() - 1));
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] result = new byte[first.length + second.length];
		System.arraycopy(first, 0, result, 0, first.length);
		System.arraycopy(second, 0, result, first.length, second.length);
		return result;
	}


}
