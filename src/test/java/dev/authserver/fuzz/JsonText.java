package dev.authserver.fuzz;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Arbitraries of JSON text, written by hand rather than through a JSON library so that they
 * can hold what no library writes: lone surrogate escapes, numbers beyond any type,
 * duplicate names, nesting past the server's limit.
 */
final class JsonText {

	/** Deeper than the server's limit of 16 (JsonLimitsConfiguration). */
	static final int MAX_DEPTH = 40;

	private static final Pattern SNAKE = Pattern.compile("_([a-z])");

	private static final String[] ODD_STRINGS = { "", " ", "\u0000", "\ud800", "\udfff", "\udc00\ud800", "a\ud800b",
			"\ufeff", "\u202e", "\ud83d\ude00", "e\u0301", "\uffff", "\ufffe", "null", "true", "0", "-1", "1e999", "NaN",
			"${jndi:ldap://127.0.0.1:9/a}", "' or '1'='1", "\"; drop table users; --", "<script>alert(1)</script>",
			"../../../../etc/passwd", "%00", "%2e%2e%2f", "\r\n", "\\", "\"", "admin\u0000", "ADMIN", "admin ",
			"\u0130", "\u00df", "USER", "ADMIN,USER", "fuzz-target", "FUZZ-TARGET", "nobody" };

	private static final String[] ODD_NUMBERS = { "0", "-0", "1e309", "-1e309", "1E+2", "1.5", "-0.0", "1e-400",
			"123456789012345678901234567890.5", "4.9e-324", "9223372036854775808", "-9223372036854775809",
			"2147483648", "-2147483649", "1.0e10", "0.1", "100000000000000000000000000000000000000000" };

	private static final String[] ODD_NAMES = { "roles", "id", "enabled", "admin", "__proto__", "constructor",
			"password_hash", "email", "username", "password", "refresh_token", "access_token", "sub", "user_id",
			"", " ", "\u0000", "$where", "roles[]", "@type", "class", "\ud800" };

	private JsonText() {
	}

	/** Raw text, from plain to hostile; {@link #quote} turns it into a JSON string. */
	static Arbitrary<String> text() {
		return Arbitraries.frequencyOf(
				Tuple.of(4, Arbitraries.strings().alpha().numeric().withChars("._-").ofMaxLength(20)),
				// any UTF-16 unit: control characters and lone surrogates included
				Tuple.of(3, Arbitraries.strings().all().ofMaxLength(30)),
				Tuple.of(3, Arbitraries.of(ODD_STRINGS)),
				Tuple.of(1, Arbitraries.strings().withCharRange(' ', '~').ofMinLength(200).ofMaxLength(3000)));
	}

	static Arbitrary<String> strings() {
		return text().map(JsonText::quote);
	}

	static Arbitrary<String> numbers() {
		BigInteger huge = BigInteger.TEN.pow(45);
		return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.integers().map(String::valueOf)),
				Tuple.of(2, Arbitraries.longs().map(String::valueOf)),
				Tuple.of(2, Arbitraries.bigIntegers().between(huge.negate(), huge).map(String::valueOf)),
				Tuple.of(2, Arbitraries.of(ODD_NUMBERS)), Tuple.of(1, Arbitraries.doubles().map(String::valueOf)));
	}

	static Arbitrary<String> scalars() {
		return Arbitraries.frequencyOf(Tuple.of(4, strings()), Tuple.of(3, numbers()),
				Tuple.of(2, Arbitraries.of("true", "false", "null")), Tuple.of(1, Arbitraries.of("[]", "{}")));
	}

	/** Any JSON value, nested up to {@link #MAX_DEPTH}. */
	static Arbitrary<String> values() {
		return values(MAX_DEPTH);
	}

	/** Any JSON value nested up to the given depth. */
	static Arbitrary<String> values(int maxDepth) {
		return Arbitraries.recursive(JsonText::scalars, JsonText::wrap, 0, maxDepth);
	}

	/** Mostly shallow values, now and then a deep one: the wrong type for a field. */
	static Arbitrary<String> wrongTypes() {
		return Arbitraries.frequencyOf(Tuple.of(8, values(3)), Tuple.of(1, values()));
	}

	/** Member names: known ones out of place, hostile ones, and longer than the server's 256. */
	static Arbitrary<String> names() {
		return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(ODD_NAMES)), Tuple.of(3, text()),
				Tuple.of(1, Arbitraries.strings().alpha().ofMinLength(257).ofMaxLength(400)));
	}

	/**
	 * An object for an endpoint that knows these fields: each one present with a value of
	 * the right kind, missing, of another type, given twice, or misspelt; plus extra members,
	 * in any order.
	 */
	static Arbitrary<String> object(Map<String, Arbitrary<String>> fields) {
		List<Arbitrary<List<String>>> parts = new ArrayList<>();
		fields.forEach((name, good) -> parts.add(field(name, good)));
		Arbitrary<List<String>> extras = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(List.<String>of())),
				Tuple.of(2, Combinators.combine(names(), wrongTypes()).as(JsonText::member).list().ofMinSize(1).ofMaxSize(3)));
		parts.add(extras);
		return Combinators.combine(parts)
			.as((lists) -> lists.stream().flatMap(List::stream).toList())
			.flatMap(Arbitraries::shuffle)
			.map((members) -> "{" + String.join(",", members) + "}");
	}

	private static Arbitrary<List<String>> field(String name, Arbitrary<String> good) {
		return Arbitraries.frequencyOf(Tuple.of(6, good.map((value) -> List.of(member(name, value)))),
				Tuple.of(2, Arbitraries.just(List.of())),
				Tuple.of(3, wrongTypes().map((value) -> List.of(member(name, value)))),
				// JSON leaves duplicates open (RFC 8259 section 4); the server must still answer sanely
				Tuple.of(1, Combinators.combine(good, wrongTypes())
					.as((first, second) -> List.of(member(name, first), member(name, second)))),
				Tuple.of(1, Combinators.combine(Arbitraries.of(misspellings(name)), good)
					.as((other, value) -> List.of(member(other, value)))));
	}

	private static List<String> misspellings(String name) {
		String camel = SNAKE.matcher(name).replaceAll((m) -> m.group(1).toUpperCase(Locale.ROOT));
		return List.of(camel, name.toUpperCase(Locale.ROOT), name + " ", " " + name, name.replace('_', '-'), name + "\u0000");
	}

	static String member(String name, String value) {
		return quote(name) + ":" + value;
	}

	static String array(List<String> values) {
		return "[" + String.join(",", values) + "]";
	}

	/** A JSON string literal of any text; a lone surrogate becomes a {@code \\uXXXX} escape. */
	static String quote(String raw) {
		return "\"" + escape(raw) + "\"";
	}

	/** The inside of a JSON string literal. */
	static String escape(String raw) {
		StringBuilder json = new StringBuilder(raw.length() + 8);
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c == '"' || c == '\\') {
				json.append('\\').append(c);
			}
			else if (Character.isHighSurrogate(c) && i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
				json.append(c).append(raw.charAt(++i));
			}
			else if (c < 0x20 || Character.isSurrogate(c)) {
				// UTF-8 cannot carry a lone surrogate, but a JSON escape can
				json.append(String.format("\\u%04x", (int) c));
			}
			else {
				json.append(c);
			}
		}
		return json.toString();
	}

	private static Arbitrary<String> wrap(Arbitrary<String> inner) {
		Arbitrary<List<String>> siblings = scalars().list().ofMaxSize(2);
		// inner appears once: one nested child per level keeps the size small, and jqwik, which
		// hashes arbitraries, would otherwise walk two branches per level, 2^40 at depth 40
		return Combinators.combine(Arbitraries.of(true, false), inner, names(), names(), siblings)
			.as((array, value, name, otherName, more) -> {
				if (array) {
					List<String> all = new ArrayList<>(more);
					all.add(0, value);
					return array(all);
				}
				List<String> members = new ArrayList<>();
				members.add(member(name, value));
				more.forEach((scalar) -> members.add(member(otherName, scalar)));
				return "{" + String.join(",", members) + "}";
			});
	}

}
