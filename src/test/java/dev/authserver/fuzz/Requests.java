package dev.authserver.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import dev.authserver.fuzz.FuzzCase.Header;

import static dev.authserver.fuzz.Accounts.ADMIN_ACCESS;
import static dev.authserver.fuzz.Accounts.ADMIN_REFRESH;
import static dev.authserver.fuzz.Accounts.ADMIN_SESSION;
import static dev.authserver.fuzz.Accounts.USER_ACCESS;
import static dev.authserver.fuzz.Accounts.USER_REFRESH;
import static dev.authserver.fuzz.Accounts.USER_SESSION;

/**
 * Arbitraries of whole requests for the endpoints (the endpoint table in the README), and for paths
 * that are none of them.
 */
final class Requests {

	static final String JSON = "application/json";

	/** Accounts the fuzzer must never change: their tokens are what it mutates. */
	private static final Set<String> PROTECTED_USERNAMES = Set.of(Accounts.ADMIN, Accounts.USER);

	private static final String[] BROKEN_JSON = { "{", "}", "[", "{\"username\":", "{\"a\":1}}", "{\"a\":1} x",
			"// c\n{}", "/* c */{}", "{'username':'a'}", "{username:\"a\"}", "NaN", "[1,]", "{\"a\":1,}", "\u0000", "nul",
			"tru", "\"unterminated", "{\"a\":\"\\x41\"}", "{\"a\":\"\\u12\"}", "{\"a\":01}", "{\"a\":.5}", "{\"a\":+1}",
			"{\"a\":Infinity}", "{\"a\":-Infinity}", "{\"a\" 1}", "{,}", "{\"a\":1 \"b\":2}", "\"\\ud800\"",
			"<?xml version=\"1.0\"?><a/>", "username=a&password=b",
			"--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--b--", "{\"username\":\"a\"}\u0000", " ",
			"\n\n", "{}", "[]", "null", "0", "\"\"", "true", "{\"username\":null,\"password\":null}",
			"{\"refresh_token\":null}", "{\"roles\":null}", "{\"enabled\":null}", "[{\"username\":\"a\"}]" };

	/** Byte sequences that are not UTF-8: a broken pair, an overlong NUL, an encoded surrogate, stray bytes. */
	private static final byte[][] NOT_UTF8 = { { (byte) 0xC3, 0x28 }, { (byte) 0xC0, (byte) 0x80 },
			{ (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, { (byte) 0xFF }, { (byte) 0xFE, (byte) 0xFF },
			{ (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 }, { (byte) 0xE2, (byte) 0x82 } };

	private static final String[] KNOWN_PATHS = { "/api/auth/signup", "/api/auth/login", "/api/auth/refresh",
			"/api/auth/logout", "/api/auth/logout-all", "/api/me", "/api/me/password", "/api/me/sessions",
			"/api/me/sessions/" + USER_SESSION, "/api/admin/users", "/api/admin/users/fuzz-target/roles",
			"/api/admin/users/fuzz-target/enabled", "/actuator/health" };

	private static final String[] UNKNOWN_PATHS = { "/", "/api", "/api/", "/api/auth", "/api/auth/", "/api/unknown",
			"/api/admin", "/api/admin/users/", "/api/me/sessions/", "/api/admin/users/fuzz-target",
			"/api/admin/users/fuzz-target/", "/error", "/actuator", "/actuator/env", "/actuator/prometheus",
			"/actuator/heapdump", "/actuator/health/liveness", "/actuator/loggers", "/v3/api-docs",
			"/swagger-ui.html", "/favicon.ico", "/index.html", "/h2-console", "/WEB-INF/web.xml",
			"/META-INF/MANIFEST.MF", "/api/auth/login/", "/api/auth/login.json", "/API/ME", "/api/me/password/x" };

	private static final String[] QUERY_VALUES = { "0", "1", "-1", "20", "100", "101", "1000000", "1000001",
			"2147483648", "99999999999999999999", "1e3", "0x10", "", "abc", "%00", "1.5", "%2B1", "%20", "%D9%A1",
			"-0", "null", "%5B%5D" };

	private Requests() {
	}

	// --- the public endpoints, with bodies ---

	/** Signup, login, refresh and logout with generated bodies, content types and methods. */
	static Arbitrary<FuzzCase> publicBodies() {
		Map<String, Arbitrary<String>> signup = new LinkedHashMap<>();
		signup.put("username", usernames());
		signup.put("password", passwords());
		signup.put("email", emails());
		Map<String, Arbitrary<String>> login = new LinkedHashMap<>();
		login.put("username", usernames());
		login.put("password", passwords());
		Map<String, Arbitrary<String>> refresh = Map.of("refresh_token", refreshTokens());
		return Arbitraries.frequencyOf(Tuple.of(3, withBody("/api/auth/signup", JsonText.object(signup), "POST")),
				Tuple.of(3, withBody("/api/auth/login", JsonText.object(login), "POST")),
				Tuple.of(2, withBody("/api/auth/refresh", JsonText.object(refresh), "POST")),
				Tuple.of(2, withBody("/api/auth/logout", JsonText.object(refresh), "POST")));
	}

	// --- the bearer endpoints, with bodies and path variables ---

	/** Password change, the admin's changes, logout-all and session ends, with valid tokens and generated input. */
	static Arbitrary<FuzzCase> bearerBodies() {
		Map<String, Arbitrary<String>> password = new LinkedHashMap<>();
		password.put("current_password", wrongPasswords());
		password.put("new_password", passwords());
		Map<String, Arbitrary<String>> roles = Map.of("roles", roles());
		Map<String, Arbitrary<String>> enabled = Map.of("enabled", enabledValues());
		Arbitrary<String> userMostly = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just(USER_ACCESS)),
				Tuple.of(1, Arbitraries.just(ADMIN_ACCESS)));
		Arbitrary<String> adminMostly = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(ADMIN_ACCESS)),
				Tuple.of(1, Arbitraries.just(USER_ACCESS)));
		return Arbitraries.frequencyOf(
				Tuple.of(4, withBearer(Arbitraries.just("/api/me/password"), userMostly, JsonText.object(password), "PUT")),
				Tuple.of(4, withBearer(targets().map((user) -> "/api/admin/users/" + user + "/roles"), adminMostly,
						JsonText.object(roles), "PUT")),
				Tuple.of(4, withBearer(targets().map((user) -> "/api/admin/users/" + user + "/enabled"), adminMostly,
						JsonText.object(enabled), "PUT")),
				Tuple.of(2, withBearer(sessionIds().map((id) -> "/api/me/sessions/" + id), userMostly,
						Arbitraries.just("{}"), "DELETE")),
				Tuple.of(1, withBearer(Arbitraries.just("/api/auth/logout-all"), userMostly, JsonText.values(3), "POST")),
				Tuple.of(2, withBearer(Arbitraries.of("/api/me", "/api/me/sessions", "/api/admin/users"), adminMostly,
						JsonText.values(3), "GET")));
	}

	// --- any method on any path ---

	/** Known paths, mangled paths and unknown ones, with every method, odd queries and any credential. */
	static Arbitrary<FuzzCase> pathsAndMethods() {
		Arbitrary<byte[]> bodies = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(new byte[0])),
				Tuple.of(1, Arbitraries.just(utf8("{}"))),
				Tuple.of(1, JsonText.values(4).map(Requests::utf8)));
		return Combinators
			.combine(methods(), paths(), queries(), credentials(), bodies, contentTypes(), extraHeaders())
			.as((method, path, query, credential, body, type, extra) -> build(method, path + query, credential, type,
					extra, body, false));
	}

	static Arbitrary<String> methods() {
		return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("GET")), Tuple.of(3, Arbitraries.just("POST")),
				Tuple.of(2, Arbitraries.just("PUT")), Tuple.of(2, Arbitraries.just("DELETE")),
				Tuple.of(1, Arbitraries.of("PATCH", "HEAD", "OPTIONS", "TRACE", "PROPFIND", "FOO")));
	}

	static Arbitrary<String> paths() {
		Arbitrary<String> segments = JsonText.text().map(Requests::encodeSegment).list().ofMinSize(1).ofMaxSize(5)
			.map((list) -> "/" + String.join("/", list));
		return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(KNOWN_PATHS)),
				Tuple.of(4, Arbitraries.of(KNOWN_PATHS).flatMap(Requests::mangled)),
				Tuple.of(2, Arbitraries.of(UNKNOWN_PATHS)),
				Tuple.of(2, segments), Tuple.of(1, segments.map((path) -> "/api" + path)),
				Tuple.of(1, segments.map((path) -> "/api/admin/users" + path)));
	}

	/** The ways a path can be written that a server may or may not take for the same one. */
	private static Arbitrary<String> mangled(String path) {
		int last = path.lastIndexOf('/');
		String upper = path.toUpperCase(Locale.ROOT)
			.replace(USER_SESSION.toUpperCase(Locale.ROOT), USER_SESSION);
		return Arbitraries.of(path + "/", "/" + path, path.replaceFirst("/api/", "/api//"), upper, path + "/.",
				path + "/..", path.replaceFirst("/api/", "/api/./"), path + ";x=1", path + ".json", path + "%2F",
				path + "/%2e%2e/admin/users", path + "%00", path + "/extra", path.substring(0, Math.max(1, last)),
				"/" + path.substring(1).replace("/", "%2F"), path + "%20", path + "?", path + "/%2e",
				path.replaceFirst("/api/", "/api/x/../"), path.replace("/", "/%2e/"));
	}

	static Arbitrary<String> queries() {
		Arbitrary<String> values = Arbitraries.of(QUERY_VALUES);
		Arbitrary<String> paging = Combinators.combine(values, values, Arbitraries.integers().between(0, 4))
			.as((page, size, form) -> switch (form) {
				case 0 -> "?page=" + page + "&size=" + size;
				case 1 -> "?page=" + page;
				case 2 -> "?size=" + size + "&size=" + page;
				case 3 -> "?page&size";
				default -> "?page=" + page + "&page=" + size + "&sort=password_hash";
			});
		Arbitrary<String> random = Combinators.combine(JsonText.text(), JsonText.text())
			.as((name, value) -> "?" + encodeSegment(name) + "=" + encodeSegment(value));
		return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("")), Tuple.of(3, paging), Tuple.of(1, random),
				Tuple.of(1, Arbitraries.of("?access_token=junk", "?access_token=" + USER_ACCESS, "?access_token",
						"?ACCESS_TOKEN=junk", "?access%5Ftoken=" + USER_ACCESS)));
	}

	static Arbitrary<Optional<String>> credentials() {
		return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(Optional.<String>empty())),
				Tuple.of(3, Arbitraries.just(Optional.of("Bearer " + USER_ACCESS))),
				Tuple.of(3, Arbitraries.just(Optional.of("Bearer " + ADMIN_ACCESS))),
				Tuple.of(1, Arbitraries.of(Optional.of("Bearer junk"), Optional.of("Basic YWRtaW46YWRtaW4="),
						Optional.of("Bearer " + USER_REFRESH), Optional.of("Bearer"), Optional.of(""))));
	}

	// --- building blocks ---

	private static Arbitrary<FuzzCase> withBody(String path, Arbitrary<String> object, String method) {
		Arbitrary<String> methods = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just(method)), Tuple.of(1, methods()));
		Arbitrary<Optional<String>> credentials = Arbitraries.frequencyOf(
				Tuple.of(8, Arbitraries.just(Optional.<String>empty())), Tuple.of(1, credentials()));
		return Combinators.combine(methods, credentials, contentTypes(), extraHeaders(), bodies(object), chunked())
			.as((verb, credential, type, extra, body, chunked) -> build(verb, path, credential, type, extra, body,
					chunked));
	}

	private static Arbitrary<FuzzCase> withBearer(Arbitrary<String> paths, Arbitrary<String> tokens,
			Arbitrary<String> object, String method) {
		Arbitrary<String> methods = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just(method)), Tuple.of(1, methods()));
		return Combinators.combine(methods, paths, tokens, contentTypes(), extraHeaders(), bodies(object), chunked())
			.as((verb, path, token, type, extra, body, chunked) -> build(verb, path, Optional.of("Bearer " + token),
					type, extra, body, chunked));
	}

	static FuzzCase build(String method, String path, Optional<String> credential, Optional<String> contentType,
			List<Header> extra, byte[] body, boolean chunked) {
		List<Header> headers = new ArrayList<>();
		credential.ifPresent((value) -> headers.add(new Header("Authorization", value)));
		contentType.ifPresent((value) -> headers.add(new Header("Content-Type", value)));
		headers.addAll(extra);
		return new FuzzCase(method, path, headers, body, chunked && body.length > 0);
	}

	/** Mostly the generated object; now and then any JSON value, bytes that are no JSON, or nothing. */
	static Arbitrary<byte[]> bodies(Arbitrary<String> object) {
		return Arbitraries.frequencyOf(Tuple.of(14, object.map(Requests::utf8)),
				Tuple.of(2, JsonText.values().map(Requests::utf8)), Tuple.of(3, garbage()),
				Tuple.of(1, Arbitraries.just(new byte[0])), Tuple.of(2, object.flatMap(Requests::reencoded)),
				Tuple.of(1, huge()));
	}

	/** Valid JSON in a form the server should still refuse or read the same. */
	private static Arbitrary<byte[]> reencoded(String json) {
		byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
		return Arbitraries.of(json.getBytes(StandardCharsets.UTF_16), json.getBytes(StandardCharsets.UTF_16LE),
				concat(bom, utf8(json)), utf8(json + " x"), utf8(json.substring(0, json.length() / 2)),
				utf8(json + json), utf8("\n\t " + json + "\n"), json.getBytes(StandardCharsets.ISO_8859_1));
	}

	static Arbitrary<byte[]> garbage() {
		Arbitrary<byte[]> notUtf8 = Combinators.combine(Arbitraries.of(NOT_UTF8), Arbitraries.of("username", "password",
				"refresh_token", "current_password", "new_password", "roles", "enabled", "email"))
			.as((bad, field) -> concat(utf8("{\"" + field + "\":\"a"), bad, utf8("b\",\"password\":\"x\"}")));
		return Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(200)),
				Tuple.of(4, Arbitraries.of(BROKEN_JSON).map(Requests::utf8)), Tuple.of(2, notUtf8),
				Tuple.of(1, Arbitraries.integers().between(17, 5000)
					.map((n) -> utf8("[".repeat(n) + "]".repeat(n)))),
				Tuple.of(1, Arbitraries.integers().between(17, 3000).map((n) -> utf8("{\"a\":".repeat(n)))),
				Tuple.of(1, Arbitraries.integers().between(33, 5000)
					.map((n) -> utf8("{\"username\":" + "9".repeat(n) + "}"))));
	}

	/** Bodies at and over the 64 KiB limit (docs/security.md). */
	private static Arbitrary<byte[]> huge() {
		return Arbitraries.of(65_536 - 20, 65_537, 70_000, 200_000)
			.map((n) -> utf8("{\"username\":\"" + "a".repeat(n) + "\",\"password\":\"x\"}"));
	}

	static Arbitrary<Optional<String>> contentTypes() {
		return Arbitraries.frequencyOf(Tuple.of(16, Arbitraries.just(Optional.of(JSON))),
				Tuple.of(2, Arbitraries.just(Optional.of("application/json; charset=UTF-8"))),
				Tuple.of(1, Arbitraries.just(Optional.<String>empty())),
				Tuple.of(3, Arbitraries.of("application/json; charset=UTF-16", "application/json; charset=bogus",
						"application/json;charset=\"", "application/json; charset=ISO-8859-1", "text/plain",
						"application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=b",
						"application/xml", "application/problem+json", "application/merge-patch+json", "*/*", "garbage",
						"", "application/", "/json", "application/json; q=0.5; x", "APPLICATION/JSON",
						"application/json, text/plain", "application/json;charset=utf-32", "text/json")
					.map(Optional::of)));
	}

	static Arbitrary<List<Header>> extraHeaders() {
		Arbitrary<Header> one = Arbitraries.of(new Header("Accept", "text/html"), new Header("Accept", "application/xml"),
				new Header("Accept", "application/json;q=0, */*;q=0"), new Header("Origin", "http://evil.example"),
				new Header("Origin", "null"), new Header("X-Forwarded-For", "10.0.0.1"),
				new Header("X-Forwarded-For", "<script>, ::1, 999.999.999.999"),
				new Header("Forwarded", "for=\"[::1]\";proto=https"), new Header("Cookie", "JSESSIONID=1"),
				new Header("X-HTTP-Method-Override", "DELETE"), new Header("Accept-Charset", "utf-16"),
				new Header("Accept-Encoding", "gzip, br"), new Header("Range", "bytes=0-1"),
				new Header("If-None-Match", "*"), new Header("User-Agent", "x".repeat(2000)),
				new Header("User-Agent", "\u00ff\u00fe odd agent"), new Header("Access-Control-Request-Method", "DELETE"),
				new Header("Content-Encoding", "gzip"), new Header("Accept-Language", "tr-TR"));
		return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(List.<Header>of())),
				Tuple.of(2, one.list().ofMinSize(1).ofMaxSize(3)));
	}

	static Arbitrary<Boolean> chunked() {
		return Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.just(false)), Tuple.of(1, Arbitraries.just(true)));
	}

	// --- field values ---

	static Arbitrary<String> usernames() {
		Arbitrary<String> valid = Arbitraries.strings().alpha().numeric().withChars("._-").ofMinLength(3).ofMaxLength(64);
		return Arbitraries.frequencyOf(
				Tuple.of(3, Arbitraries.of(Accounts.USER, "FUZZ-USER", Accounts.ADMIN, "Admin", Accounts.TARGET, "nobody",
						"ab", "a".repeat(65), "a".repeat(257))),
				Tuple.of(3, valid), Tuple.of(3, JsonText.text()))
			.map(JsonText::quote);
	}

	/** New passwords: too short, too long, breached, lone surrogates, and now and then a valid one. */
	static Arbitrary<String> passwords() {
		return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(Accounts.PASSWORD)),
				Tuple.of(3, Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(130)),
				Tuple.of(2, JsonText.text()),
				Tuple.of(1, Arbitraries.of("password", "123456", "qwerty", "passwordpassword", "123456789012345",
						"iloveyouiloveyou", "\ud800".repeat(20), "a".repeat(15) + "\udc00")),
				Tuple.of(1, Arbitraries.strings().withCharRange(' ', '~').ofMinLength(129).ofMaxLength(1100)))
			.map(JsonText::quote);
	}

	/** Anything but the user's real password: a password change that succeeded would lock the fuzzer out. */
	static Arbitrary<String> wrongPasswords() {
		return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(200)),
				Tuple.of(2, JsonText.text()), Tuple.of(1, Arbitraries.of(Accounts.PASSWORD + " ", "\ud800")))
			.filter((password) -> !password.equals(Accounts.PASSWORD))
			.map(JsonText::quote);
	}

	static Arbitrary<String> emails() {
		return Arbitraries.frequencyOf(
				Tuple.of(2, Arbitraries.of("a@b.co", "not-an-email", "@", "a@", "a".repeat(330) + "@x.io",
						"user@[127.0.0.1]", "\"quoted\"@x.io", "a@b@c", "")),
				Tuple.of(1, JsonText.text()))
			.map(JsonText::quote);
	}

	static Arbitrary<String> refreshTokens() {
		Arbitrary<String> tokenish = Arbitraries.strings().alpha().numeric().withChars("-_.").ofMaxLength(400);
		return Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.of(USER_REFRESH, ADMIN_REFRESH)),
				Tuple.of(1, Arbitraries.just(USER_ACCESS)), Tuple.of(3, tokenish), Tuple.of(1, JsonText.text()))
			.map(JsonText::quote);
	}

	static Arbitrary<String> roles() {
		Arbitrary<String> role = Arbitraries.of("USER", "ADMIN", "AUDITOR", "A", "Z9_", "user", "ROLE_ADMIN",
				"A".repeat(32), "A".repeat(33), "", "USER ", "\u00c4DMIN", "ADMIN\u0000", "_A", "1A");
		return Arbitraries.frequencyOf(
				Tuple.of(4, role.map(JsonText::quote).list().ofMaxSize(22).map(JsonText::array)),
				Tuple.of(1, JsonText.scalars().list().ofMaxSize(4).map(JsonText::array)),
				Tuple.of(1, Arbitraries.of("[null]", "[[\"USER\"]]", "[\"USER\",\"USER\"]", "\"USER\"", "[]")));
	}

	static Arbitrary<String> enabledValues() {
		return Arbitraries.of("true", "false", "\"true\"", "1", "0", "null", "\"yes\"", "[]", "{}", "\"\"", "[true]");
	}

	/** Usernames in a path, percent-encoded; never one of the fuzzer's own accounts. */
	static Arbitrary<String> targets() {
		Arbitrary<String> random = JsonText.text()
			.filter((name) -> !PROTECTED_USERNAMES.contains(name.toLowerCase(Locale.ROOT)))
			.map(Requests::encodeSegment);
		return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(Accounts.TARGET)),
				Tuple.of(1, Arbitraries.of("FUZZ-TARGET", "nobody", "%66uzz-target", "fuzz-target%00", "fuzz-target%20",
						"fuzz-target;x=y", "..", ".", "%2e%2e", "fuzz-target%2Froles", "%C0%AE")),
				Tuple.of(3, random));
	}

	static Arbitrary<String> sessionIds() {
		return Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.of(USER_SESSION, ADMIN_SESSION)),
				Tuple.of(2, Combinators.combine(Arbitraries.longs(), Arbitraries.longs())
					.as((high, low) -> new UUID(high, low).toString())),
				Tuple.of(2, JsonText.text().map(Requests::encodeSegment)),
				Tuple.of(1, Arbitraries.of("00000000-0000-0000-0000-000000000000", "not-a-uuid", "1", "-1", "%00",
						"ffffffff-ffff-ffff-ffff-ffffffffffff", "0-0-0-0-0", "1-1-1-1-1", USER_SESSION + "x",
						"%7B" + "0".repeat(8) + "%7D", "00000000000000000000000000000000")));
	}

	/** Percent-encodes every byte of the UTF-8 form but the unreserved characters of RFC 3986. */
	static String encodeSegment(String raw) {
		StringBuilder encoded = new StringBuilder();
		for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xFF);
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
				encoded.append(c);
			}
			else {
				encoded.append(String.format("%%%02X", (int) c));
			}
		}
		return encoded.toString();
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		byte[] all = new byte[length];
		int at = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, all, at, part.length);
			at += part.length;
		}
		return all;
	}

}
