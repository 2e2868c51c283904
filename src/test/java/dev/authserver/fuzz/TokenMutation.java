package dev.authserver.fuzz;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import dev.authserver.fuzz.CompactToken.Keys;

/** A change to a real token, named so that a failing case reads as what was done to it. */
sealed interface TokenMutation {

	/**
	 * The mutated token, which the server must refuse (docs/tokens.md). A mutation that signs
	 * again with the server's own key breaks one rule on purpose, so that only that rule can
	 * refuse it.
	 */
	String apply(String token, Keys keys);

	/** Whether this mutation makes sense for the kind of token it is applied to. */
	default boolean appliesTo(boolean accessToken) {
		return true;
	}

	/** The token as it is: refused only where it is the wrong kind of token. */
	record Unchanged() implements TokenMutation {

		@Override
		public String apply(String token, Keys keys) {
			return token;
		}

	}

	/** One bit of one segment's bytes flipped, then encoded canonically again. */
	record FlipBit(int segment, int bit) implements TokenMutation {

		@Override
		public String apply(String token, Keys keys) {
			String[] segments = CompactToken.segments(token);
			byte[] bytes = CompactToken.decode(segments[this.segment]);
			int at = this.bit % (bytes.length * 8);
			bytes[at / 8] ^= (byte) (1 << (at % 8));
			segments[this.segment] = CompactToken.encode(bytes);
			return String.join(".", segments);
		}

	}

	/** One bit of one character flipped: a stray character, or the same bytes in a non-canonical form. */
	record FlipChar(int position, int bit) implements TokenMutation {

		@Override
		public String apply(String token, Keys keys) {
			int at = this.position % token.length();
			char[] chars = token.toCharArray();
			chars[at] ^= (char) (1 << this.bit);
			return new String(chars);
		}

	}

	record SwapSegments(int first, int second) implements TokenMutation {

		@Override
		public String apply(String token, Keys keys) {
			String[] segments = CompactToken.segments(token);
			String first = segments[this.first];
			segments[this.first] = segments[this.second];
			segments[this.second] = first;
			return String.join(".", segments);
		}

	}

	record DuplicateSegment(int segment) implements TokenMutation {

		@Override
		public String apply(String token, Keys keys) {
			List<String> segments = new ArrayList<>(List.of(CompactToken.segments(token)));
			segments.add(this.segment, segments.get(this.segment));
			return String.join(".", segments);
		}

	}

	record DropSegment(int segment) implements TokenMutation {

		@Override
		public String apply(String token, Keys keys) {
			List<String> segments = new ArrayList<>(List.of(CompactToken.segments(token)));
			segments.remove(this.segment);
			return String.join(".", segments);
		}

	}

	/** The first characters only. */
	record Truncate(int keep) implements TokenMutation {

		@Override
		public String apply(String token, Keys keys) {
			return token.substring(0, this.keep % token.length());
		}

	}

	/** Base64 padding after a segment, which the compact form leaves out (RFC 7515 section 2). */
	record Pad(int segment, String padding) implements TokenMutation {

		@Override
		public String apply(String token, Keys keys) {
			String[] segments = CompactToken.segments(token);
			segments[this.segment] = segments[this.segment] + this.padding;
			return String.join(".", segments);
		}

	}

	/** A segment in the standard base64 alphabet with padding, the same bytes in another spelling. */
	record StandardAlphabet(int segment) implements TokenMutation {

		@Override
		public String apply(String token, Keys keys) {
			String[] segments = CompactToken.segments(token);
			segments[this.segment] = Base64.getEncoder().encodeToString(CompactToken.decode(segments[this.segment]));
			return String.join(".", segments);
		}

	}

	/**
	 * Text put in inside the token: whitespace, a dot, a character outside base64url. Never
	 * at either end, where whitespace only separates the token from the scheme (RFC 6750
	 * section 2.1 allows several spaces) or ends the header, and the token is still valid.
	 */
	record Insert(int position, String text) implements TokenMutation {

		@Override
		public String apply(String token, Keys keys) {
			int at = 1 + this.position % (token.length() - 1);
			return token.substring(0, at) + this.text + token.substring(at);
		}

	}

	/** A longer payload: past the 8 KiB limit, and past the 16 KiB header limit of the server. */
	record Lengthen(int extra) implements TokenMutation {

		@Override
		public String apply(String token, Keys keys) {
			String[] segments = CompactToken.segments(token);
			segments[1] = segments[1] + "A".repeat(this.extra);
			return String.join(".", segments);
		}

	}

	/** Not derived from the token at all. */
	record Replace(String text) implements TokenMutation {

		@Override
		public String apply(String token, Keys keys) {
			return this.text;
		}

	}

	/** Another header, signed as chosen. */
	record ReHeader(HeaderCase header, Signature signature) implements TokenMutation {

		@Override
		public String apply(String token, Keys keys) {
			boolean access = CompactToken.isAccessToken(token);
			String[] segments = CompactToken.segments(token);
			String header = CompactToken.encode(this.header.render(CompactToken.members(segments[0]), access));
			return this.signature.sign(header, segments[1], segments[2], keys, access);
		}

	}

	/** Another payload that breaks one claim rule, signed with the server's own key for this kind of token. */
	record RePayload(PayloadCase payload) implements TokenMutation {

		@Override
		public String apply(String token, Keys keys) {
			boolean access = CompactToken.isAccessToken(token);
			String[] segments = CompactToken.segments(token);
			String payload = CompactToken.encode(this.payload.render(CompactToken.members(segments[1]), access));
			return Signature.SAME_KEY.sign(segments[0], payload, segments[2], keys, access);
		}

		@Override
		public boolean appliesTo(boolean accessToken) {
			return accessToken ? this.payload.access : this.payload.refresh;
		}

	}

	/** How a re-encoded token is signed. */
	enum Signature {

		/** The old signature, now over other bytes. */
		ORIGINAL,
		/** The server's own key for this kind of token: only the broken rule can refuse it. */
		SAME_KEY,
		/** The key of the other kind of token. */
		OTHER_KEY,
		/** No signature, as {@code alg: none} sends it. */
		EMPTY,
		/** The right key under another HMAC: algorithm confusion. */
		HS384_SAME_KEY, HS512_SAME_KEY,
		/** 256 bytes where an RSA signature would go. */
		RSA_SIZED;

		String sign(String header, String payload, String originalSignature, Keys keys, boolean access) {
			String input = header + "." + payload;
			return input + "." + switch (this) {
				case ORIGINAL -> originalSignature;
				case SAME_KEY -> CompactToken.mac(input, keys.keyFor(access), "HmacSHA256");
				case OTHER_KEY -> CompactToken.mac(input, keys.keyFor(!access), "HmacSHA256");
				case EMPTY -> "";
				case HS384_SAME_KEY -> CompactToken.mac(input, keys.keyFor(access), "HmacSHA384");
				case HS512_SAME_KEY -> CompactToken.mac(input, keys.keyFor(access), "HmacSHA512");
				case RSA_SIZED -> CompactToken.encode(new byte[256]);
			};
		}

	}

	/** A header that breaks exactly one rule of docs/tokens.md. */
	enum HeaderCase {

		ALG_NONE, ALG_HS384, ALG_HS512, ALG_RS256, ALG_ES256, ALG_LOWER_CASE, ALG_EMPTY, ALG_NULL, ALG_NUMBER,
		ALG_MISSING, ALG_ARRAY, TYP_JWT, TYP_UPPER_CASE, TYP_OF_OTHER_KIND, TYP_MEDIA_TYPE, TYP_MISSING, TYP_NULL,
		TYP_NUMBER, CRIT_EMPTY, CRIT_EXP, ZIP_DEF, ZIP_EMPTY, KID_UNKNOWN, KID_PATH, KID_URL, KID_SQL, KID_EMPTY,
		KID_NULL, KID_NUMBER, KID_OBJECT, JKU, X5U, JWK, X5C, ENC, DUPLICATE_ALG, DUPLICATE_TYP, B64_FALSE,
		NOT_AN_OBJECT, TRAILING_TEXT, NOT_UTF8;

		byte[] render(Map<String, Object> original, boolean access) {
			Map<String, Object> header = new LinkedHashMap<>(original);
			switch (this) {
				case ALG_NONE -> header.put("alg", "none");
				case ALG_HS384 -> header.put("alg", "HS384");
				case ALG_HS512 -> header.put("alg", "HS512");
				case ALG_RS256 -> header.put("alg", "RS256");
				case ALG_ES256 -> header.put("alg", "ES256");
				case ALG_LOWER_CASE -> header.put("alg", "hs256");
				case ALG_EMPTY -> header.put("alg", "");
				case ALG_NULL -> header.put("alg", null);
				case ALG_NUMBER -> header.put("alg", 256);
				case ALG_MISSING -> header.remove("alg");
				case ALG_ARRAY -> header.put("alg", List.of("HS256"));
				case TYP_JWT -> header.put("typ", "JWT");
				case TYP_UPPER_CASE -> header.put("typ", String.valueOf(header.get("typ")).toUpperCase(Locale.ROOT));
				case TYP_OF_OTHER_KIND -> header.put("typ", access ? "rt+jwt" : "at+jwt");
				case TYP_MEDIA_TYPE -> header.put("typ", "application/" + header.get("typ"));
				case TYP_MISSING -> header.remove("typ");
				case TYP_NULL -> header.put("typ", null);
				case TYP_NUMBER -> header.put("typ", 1);
				case CRIT_EMPTY -> header.put("crit", List.of());
				case CRIT_EXP -> header.put("crit", List.of("exp"));
				case ZIP_DEF -> header.put("zip", "DEF");
				case ZIP_EMPTY -> header.put("zip", "");
				case KID_UNKNOWN -> header.put("kid", "another-key");
				case KID_PATH -> header.put("kid", "../../../../../../dev/zero");
				case KID_URL -> header.put("kid", "http://127.0.0.1:9/key");
				case KID_SQL -> header.put("kid", "x' union select 'secret");
				case KID_EMPTY -> header.put("kid", "");
				case KID_NULL -> header.put("kid", null);
				case KID_NUMBER -> header.put("kid", 7);
				case KID_OBJECT -> header.put("kid", Map.of("id", header.get("kid")));
				case JKU -> header.put("jku", "http://127.0.0.1:9/jwks.json");
				case X5U -> header.put("x5u", "http://127.0.0.1:9/cert.pem");
				case JWK -> header.put("jwk", Map.of("kty", "oct", "k", "AAAA"));
				case X5C -> header.put("x5c", List.of("MIIB"));
				case ENC -> header.put("enc", "A128GCM");
				case B64_FALSE -> {
					header.put("b64", false);
					header.put("crit", List.of("b64"));
				}
				case DUPLICATE_ALG -> {
					return utf8(CompactToken.render(header).replaceFirst("\\{", "{\"alg\":\"HS256\","));
				}
				case DUPLICATE_TYP -> {
					return utf8(CompactToken.render(header).replaceFirst("\\{", "{\"typ\":\"" + header.get("typ") + "\","));
				}
				case NOT_AN_OBJECT -> {
					return utf8("[" + CompactToken.render(header) + "]");
				}
				case TRAILING_TEXT -> {
					return utf8(CompactToken.render(header) + "{}");
				}
				case NOT_UTF8 -> {
					byte[] json = utf8(CompactToken.render(header).replace("\"alg\":\"HS256\"", "\"alg\":\"HS256\",\"x\":\"##\""));
					String text = new String(json, StandardCharsets.ISO_8859_1).replace("##", "\u00c3\u0028");
					return text.getBytes(StandardCharsets.ISO_8859_1);
				}
			}
			return utf8(CompactToken.render(header));
		}

	}

	/**
	 * A payload that breaks one claim rule: of both kinds of token, or only of the kind named.
	 * An expired refresh token still ends its session at logout, and its {@code exp} is not
	 * bound to its {@code iat}: those cases are for access tokens only.
	 */
	enum PayloadCase {

		EXP_MISSING(true, true), EXP_STRING(true, true), EXP_NULL(true, true), EXP_HUGE(true, true),
		EXP_PAST(true, false), EXP_LATER_THAN_LIFETIME(true, false), NBF_FUTURE(true, true), IAT_FUTURE(true, true),
		IAT_MISSING(true, true), ISS_WRONG(true, true), ISS_MISSING(true, true), AUD_WRONG(true, true),
		AUD_MISSING(true, true), AUD_EMPTY(true, true), SUB_NOT_UUID(true, true), SUB_MISSING(true, true),
		JTI_MISSING(true, true), DUPLICATE_SUB(true, true), NOT_AN_OBJECT(true, true), TRAILING_TEXT(true, true),
		ROLES_STRING(true, false), ROLES_OF_NUMBERS(true, false), USERNAME_MISSING(true, false),
		JTI_WITHOUT_SESSION(true, false), SID_MISSING(false, true), SID_NOT_UUID(false, true);

		final boolean access;

		final boolean refresh;

		PayloadCase(boolean access, boolean refresh) {
			this.access = access;
			this.refresh = refresh;
		}

		byte[] render(Map<String, Object> original, boolean accessToken) {
			Map<String, Object> claims = new LinkedHashMap<>(original);
			long now = Instant.now().getEpochSecond();
			switch (this) {
				case EXP_MISSING -> claims.remove("exp");
				case EXP_STRING -> claims.put("exp", String.valueOf(claims.get("exp")));
				case EXP_NULL -> claims.put("exp", null);
				case EXP_HUGE -> claims.put("exp", 1e300);
				case EXP_PAST -> {
					claims.put("iat", now - 4000);
					claims.put("exp", now - 3600);
				}
				case EXP_LATER_THAN_LIFETIME -> claims.put("exp", ((Number) claims.get("iat")).longValue() + 900 + 3600);
				case NBF_FUTURE -> claims.put("nbf", now + 3600);
				case IAT_FUTURE -> {
					claims.put("iat", now + 3600);
					claims.put("exp", now + 3600 + 600);
				}
				case IAT_MISSING -> claims.remove("iat");
				case ISS_WRONG -> claims.put("iss", "https://evil.example");
				case ISS_MISSING -> claims.remove("iss");
				case AUD_WRONG -> claims.put("aud", "another-audience");
				case AUD_MISSING -> claims.remove("aud");
				case AUD_EMPTY -> claims.put("aud", List.of());
				case SUB_NOT_UUID -> claims.put("sub", "admin");
				case SUB_MISSING -> claims.remove("sub");
				case JTI_MISSING -> claims.remove("jti");
				case ROLES_STRING -> claims.put("roles", "ADMIN");
				case ROLES_OF_NUMBERS -> claims.put("roles", List.of(1, 2));
				case USERNAME_MISSING -> claims.remove("preferred_username");
				case JTI_WITHOUT_SESSION -> claims.put("jti", "AAAAAAAAAAAAAAAAAAAAAA");
				case SID_MISSING -> claims.remove("sid");
				case SID_NOT_UUID -> claims.put("sid", "not-a-session");
				case DUPLICATE_SUB -> {
					return utf8(CompactToken.render(claims).replaceFirst("\\{", "{\"sub\":\"" + claims.get("sub") + "\","));
				}
				case NOT_AN_OBJECT -> {
					return utf8("[" + CompactToken.render(claims) + "]");
				}
				case TRAILING_TEXT -> {
					return utf8(CompactToken.render(claims) + " x");
				}
			}
			return utf8(CompactToken.render(claims));
		}

	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** Every mutation, weighted toward those that reach the checks after the shape check. */
	static Arbitrary<TokenMutation> any() {
		Arbitrary<Integer> segment = Arbitraries.integers().between(0, 2);
		Arbitrary<Integer> position = Arbitraries.integers().between(0, 10_000);
		Arbitrary<TokenMutation> flipBit = Combinators.combine(segment, Arbitraries.integers().between(0, 100_000))
			.as(FlipBit::new);
		Arbitrary<TokenMutation> flipChar = Combinators.combine(position, Arbitraries.integers().between(0, 6))
			.as(FlipChar::new);
		Arbitrary<TokenMutation> swap = Combinators.combine(segment, segment)
			.filter((first, second) -> !first.equals(second))
			.as(SwapSegments::new);
		Arbitrary<TokenMutation> shape = Arbitraries.oneOf(segment.map(DuplicateSegment::new),
				segment.map(DropSegment::new), position.map(Truncate::new),
				Combinators.combine(segment, Arbitraries.of("=", "==", "===", "%3D")).as(Pad::new),
				segment.map(StandardAlphabet::new),
				Combinators.combine(position, Arbitraries.of(" ", "\t", ".", "..", "+", "/", "=", "%", "*", "\u00e9"))
					.as(Insert::new),
				Arbitraries.of(1, 4, 100, 8_200, 17_000, 40_000).map(Lengthen::new));
		Arbitrary<TokenMutation> replace = Arbitraries.frequencyOf(
				Tuple.of(3, Arbitraries.strings().alpha().numeric().withChars("-_.").ofMaxLength(600)),
				Tuple.of(1, Arbitraries.of("", ".", "..", "...", "a.b.c", "e30.e30.", "e30.e30.e30", "null", "Bearer")))
			.map(Replace::new);
		Arbitrary<TokenMutation> header = Combinators
			.combine(Arbitraries.of(HeaderCase.class), Arbitraries.frequencyOf(
					Tuple.of(6, Arbitraries.just(Signature.SAME_KEY)), Tuple.of(1, Arbitraries.of(Signature.class))))
			.as(ReHeader::new);
		Arbitrary<TokenMutation> payload = Arbitraries.of(PayloadCase.class).map(RePayload::new);
		return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(new Unchanged())), Tuple.of(3, flipBit),
				Tuple.of(2, flipChar), Tuple.of(1, swap), Tuple.of(3, shape), Tuple.of(1, replace), Tuple.of(5, header),
				Tuple.of(4, payload));
	}

}
