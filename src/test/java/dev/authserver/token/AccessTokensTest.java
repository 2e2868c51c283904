package dev.authserver.token;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import dev.authserver.verification.AccessTokenClaims;
import dev.authserver.verification.InvalidTokenException;
import dev.authserver.verification.TokenIds;

import static dev.authserver.token.TokenForge.encode;
import static dev.authserver.token.TokenForge.object;
import static dev.authserver.token.TokenForge.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Access tokens as docs/tokens.md describes them: what is issued, and every way a token is refused. */
class AccessTokensTest {

	private static final Instant NOW = Instant.parse("2025-01-15T10:00:00Z");

	private static final long NOW_SECONDS = NOW.getEpochSecond();

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	private static final Duration TTL = Duration.ofMinutes(15);

	private static final long SKEW_SECONDS = 30;

	private static final byte[] MATERIAL = TokenForge.bytes(32, 1);

	private static final UUID ALICE = UUID.fromString("3f1c9a52-7d4e-4b8a-9c61-2e5f0d7a8b19");

	private static final UUID SESSION = UUID.fromString("9b2d7c40-1e3f-4a5b-8c6d-7e8f9a0b1c2d");

	private static final String JTI = TokenIds.forSession(SESSION);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SigningKeys keys = SigningKeys.of(MATERIAL);

	private final AccessTokens tokens = new AccessTokens(this.keys, properties(), CLOCK);

	// issuing

	@Test
	void verifyWhenIssuedThenSameUserUsernameAndRoles() {
		IssuedToken issued = this.tokens.issue(ALICE, "alice", List.of("USER", "ADMIN"), SESSION);

		AccessTokenClaims claims = this.tokens.verify(issued.value());

		assertThat(claims.userId()).isEqualTo(ALICE);
		assertThat(claims.username()).isEqualTo("alice");
		assertThat(claims.roles()).containsExactly("USER", "ADMIN");
		assertThat(claims.issuedAt()).isEqualTo(NOW);
		assertThat(claims.expiresAt()).isEqualTo(NOW.plus(TTL)).isEqualTo(issued.expiresAt());
		assertThat(claims.tokenId()).isNotBlank();
	}

	@Test
	void issueWhenCalledThenHeaderIsExactlyHs256AtJwtAndKid() {
		String token = this.tokens.issue(ALICE, "alice", List.of("USER"), SESSION).value();

		Map<String, Object> header = decode(TokenForge.segments(token)[0]);

		assertThat(header).containsOnlyKeys("alg", "typ", "kid")
			.containsEntry("alg", "HS256")
			.containsEntry("typ", "at+jwt")
			.containsEntry("kid", this.keys.keyId());
	}

	@Test
	void issueWhenCalledThenClaimsAreExactlyTheSpecifiedOnes() {
		// a sub-second issue time is written as whole seconds, as NumericDate allows
		String token = this.tokens.issue(ALICE, "alice", List.of("USER", "ADMIN"), SESSION, NOW.plusMillis(700)).value();

		Map<String, Object> claims = decode(TokenForge.segments(token)[1]);

		assertThat(claims).containsOnlyKeys("iss", "sub", "aud", "iat", "exp", "jti", "preferred_username", "roles")
			.containsEntry("iss", "auth-server")
			.containsEntry("sub", ALICE.toString())
			.containsEntry("iat", (int) NOW_SECONDS)
			.containsEntry("exp", (int) (NOW_SECONDS + TTL.toSeconds()))
			.containsEntry("preferred_username", "alice")
			.containsEntry("roles", List.of("USER", "ADMIN"));
		assertThat(claims.get("aud")).isIn("api", List.of("api"));
		assertThat((String) claims.get("jti")).matches("[A-Za-z0-9_-]{28}");
	}

	@Test
	void issueWhenCalledTwiceThenTokenIdsDiffer() {
		String first = this.tokens.issue(ALICE, "alice", List.of("USER"), SESSION).value();
		String second = this.tokens.issue(ALICE, "alice", List.of("USER"), SESSION).value();

		assertThat(this.tokens.verify(first).tokenId()).isNotEqualTo(this.tokens.verify(second).tokenId());
	}

	@Test
	void issueWhenTwoRolesAndTypicalUsernameThenUnder400Bytes() {
		String token = this.tokens.issue(ALICE, "alice.johnson", List.of("USER", "ADMIN"), SESSION).value();

		assertThat(token.getBytes(StandardCharsets.UTF_8)).hasSizeLessThan(400);
	}

	// positive controls: the forge builds tokens the verifier accepts, so every rejection below
	// is caused by the one thing each test changes

	@Test
	void verifyWhenForgedByTheRulesThenAccepted() {
		AccessTokenClaims claims = this.tokens.verify(forge(header(), claims()));

		assertThat(claims.userId()).isEqualTo(ALICE);
		assertThat(claims.username()).isEqualTo("alice");
		assertThat(claims.roles()).containsExactly("USER", "ADMIN");
		assertThat(claims.tokenId()).isEqualTo(JTI);
		assertThat(claims.sessionId()).isEqualTo(SESSION);
		assertThat(claims.issuedAt()).isEqualTo(NOW.minusSeconds(60));
	}

	@Test
	void verifyWhenPayloadHoldsNonAsciiUtf8ThenAccepted() {
		var claims = claims();
		claims.put("preferred_username", string("zoë-日本"));

		assertThat(this.tokens.verify(forge(header(), claims)).username()).isEqualTo("zoë-日本");
	}

	@Test
	void verifyWhenAudienceArrayContainsOursThenAccepted() {
		var claims = claims();
		claims.put("aud", "[\"other\",\"api\"]");

		assertThat(this.tokens.verify(forge(header(), claims)).userId()).isEqualTo(ALICE);
	}

	@Test
	void verifyWhenExpiryExactlyIssuedAtPlusLifetimeThenAccepted() {
		var claims = claims();
		claims.put("iat", String.valueOf(NOW_SECONDS - 1));
		claims.put("exp", String.valueOf(NOW_SECONDS - 1 + TTL.toSeconds()));

		assertThat(this.tokens.verify(forge(header(), claims)).expiresAt())
			.isEqualTo(NOW.minusSeconds(1).plus(TTL));
	}

	@Test
	void verifyWhenExpiredWithinClockSkewThenAccepted() {
		var claims = claims();
		claims.put("iat", String.valueOf(NOW_SECONDS - TTL.toSeconds() - SKEW_SECONDS + 1));
		claims.put("exp", String.valueOf(NOW_SECONDS - SKEW_SECONDS + 1));

		assertThat(this.tokens.verify(forge(header(), claims)).userId()).isEqualTo(ALICE);
	}

	@Test
	void verifyWhenNotBeforeAndIssuedAtInFutureWithinClockSkewThenAccepted() {
		var claims = claims();
		claims.put("iat", String.valueOf(NOW_SECONDS + SKEW_SECONDS));
		claims.put("nbf", String.valueOf(NOW_SECONDS + SKEW_SECONDS));
		claims.put("exp", String.valueOf(NOW_SECONDS + SKEW_SECONDS + 60));

		assertThat(this.tokens.verify(forge(header(), claims)).userId()).isEqualTo(ALICE);
	}

	@Test
	void verifyWhenExactly8KiBThenAccepted() {
		String token = forgeOfLength(8 * 1024);

		assertThat(this.tokens.verify(token).userId()).isEqualTo(ALICE);
	}

	// rejections, one rule each

	@Test
	void verifyWhenSignatureBadThenInvalid() {
		String token = forge(header(), claims());
		String[] segments = TokenForge.segments(token);
		String otherKey = TokenForge.signSegments(segments[0], segments[1], TokenForge.bytes(32, 7), TokenForge.HS256);
		// a different first signature character: it carries only data bits, so the MAC differs
		char first = segments[2].charAt(0);
		String flipped = segments[0] + "." + segments[1] + "." + (char) (first == 'A' ? 'B' : 'A')
				+ segments[2].substring(1);

		assertInvalid(otherKey);
		assertInvalid(flipped);
	}

	@Test
	void verifyWhenSignedPayloadSwappedThenInvalid() {
		String[] good = TokenForge.segments(forge(header(), claims()));
		var claims = claims();
		claims.put("roles", "[\"ADMIN\"]");
		String[] other = TokenForge.segments(forge(header(), claims));

		assertInvalid(good[0] + "." + other[1] + "." + good[2]);
	}

	@ParameterizedTest
	@ValueSource(strings = { "none", "None", "NONE", "nOnE" })
	void verifyWhenAlgNoneThenInvalid(String alg) {
		var header = header();
		header.put("alg", string(alg));

		assertInvalid(TokenForge.unsigned(object(header), object(claims())));
	}

	@ParameterizedTest
	@ValueSource(strings = { "none", "None", "NONE" })
	void verifyWhenAlgNoneWithHs256SignatureThenInvalid(String alg) {
		var header = header();
		header.put("alg", string(alg));

		assertInvalid(forge(header, claims()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "HS384", "HS512" })
	void verifyWhenResignedWithStrongerHmacOfSameKeyThenInvalid(String alg) {
		// a 64-byte key is long enough for every HMAC, so key length is no reason to refuse these:
		// the HS256 pin and the 43-character signature length must
		byte[] longMaterial = TokenForge.bytes(64, 1);
		SigningKeys longKeys = SigningKeys.of(longMaterial);
		AccessTokens verifier = new AccessTokens(longKeys, properties(), CLOCK);
		var header = header();
		header.put("alg", string(alg));
		header.put("kid", string(longKeys.keyId()));
		var sameHeaderHs256 = header();
		sameHeaderHs256.put("kid", string(longKeys.keyId()));

		String resigned = TokenForge.sign(object(header), object(claims()), longMaterial, "HmacSHA" + alg.substring(2));

		assertThat(verifier.verify(TokenForge.sign(object(sameHeaderHs256), object(claims()), longMaterial))
			.userId()).isEqualTo(ALICE);
		assertInvalidBy(verifier, resigned);
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"HS384\"", "\"HS512\"", "\"hs256\"", "\"HS256 \"", "\"RS256\"", "\"ES256\"", "\"dir\"",
			"null", "256", "[\"HS256\"]" })
	void verifyWhenAlgNotExactlyHs256ButSignedWithHs256ThenInvalid(String alg) {
		var header = header();
		header.put("alg", alg);

		assertInvalid(forge(header, claims()));
	}

	@Test
	void verifyWhenAlgMissingThenInvalid() {
		var header = header();
		header.remove("alg");

		assertInvalid(forge(header, claims()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"JWT\"", "\"application/at+jwt\"", "\"AT+JWT\"", "\"at+jwt \"", "\"rt+jwt\"", "null",
			"1", "[\"at+jwt\"]" })
	void verifyWhenTypNotExactlyAtJwtThenInvalid(String typ) {
		var header = header();
		header.put("typ", typ);

		assertInvalid(forge(header, claims()));
	}

	@Test
	void verifyWhenTypMissingThenInvalid() {
		var header = header();
		header.remove("typ");

		assertInvalid(forge(header, claims()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "[]", "[\"exp\"]", "[\"b64\"]", "[\"urn:example:unknown\"]" })
	void verifyWhenCritPresentThenInvalid(String crit) {
		var header = header();
		header.put("crit", crit);

		assertInvalid(forge(header, claims()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"DEF\"", "\"GZIP\"", "\"\"" })
	void verifyWhenZipPresentThenInvalid(String zip) {
		var header = header();
		header.put("zip", zip);

		assertInvalid(forge(header, claims()));
	}

	@Test
	void verifyWhenExpMissingThenInvalid() {
		var claims = claims();
		claims.remove("exp");

		assertInvalid(forge(header(), claims));
	}

	@ParameterizedTest
	// "1736936040" is the good expiry as a string, what a lax parser would coerce to a date
	@ValueSource(strings = { "\"1736936040\"", "\"2025-01-15T10:14:00Z\"", "true", "null", "{}", "[1736936040]" })
	void verifyWhenExpNotNumberThenInvalid(String exp) {
		var claims = claims();
		claims.put("exp", exp);

		assertInvalid(forge(header(), claims));
	}

	@ParameterizedTest
	@ValueSource(strings = { "9223372036854775807", "99999999999999999999", "1e400" })
	void verifyWhenExpHugeThenInvalid(String exp) {
		var claims = claims();
		claims.put("exp", exp);

		assertInvalid(forge(header(), claims));
	}

	@Test
	void verifyWhenExpWrapsAroundToNearFutureInMillisecondsThenInvalid() {
		// a huge number of seconds that, times 1000 in a long, lands on the good expiry
		long goodExpiryMillis = (NOW_SECONDS + 840) * 1000;
		BigInteger modulus = BigInteger.TWO.pow(61);
		long seconds = BigInteger.valueOf(goodExpiryMillis / 8)
			.multiply(BigInteger.valueOf(125).modInverse(modulus))
			.mod(modulus)
			.add(modulus)
			.longValueExact();
		assertThat(seconds * 1000).isEqualTo(goodExpiryMillis);
		var claims = claims();
		claims.put("exp", String.valueOf(seconds));

		assertInvalid(forge(header(), claims));
	}

	@Test
	void verifyWhenExpLaterThanIssuedAtPlusLifetimeThenInvalid() {
		var claims = claims();
		claims.put("iat", String.valueOf(NOW_SECONDS - 1));
		claims.put("exp", String.valueOf(NOW_SECONDS - 1 + TTL.toSeconds() + 1));

		assertInvalid(forge(header(), claims));
	}

	@Test
	void verifyWhenIatMissingThenInvalid() {
		// without iat the lifetime rule cannot be checked
		var claims = claims();
		claims.remove("iat");

		assertInvalid(forge(header(), claims));
	}

	@Test
	void verifyWhenExpiredBeyondClockSkewThenExpired() {
		var claims = claims();
		claims.put("iat", String.valueOf(NOW_SECONDS - TTL.toSeconds() - SKEW_SECONDS - 1));
		claims.put("exp", String.valueOf(NOW_SECONDS - SKEW_SECONDS - 1));

		assertExpired(forge(header(), claims));
	}

	@Test
	void verifyWhenIssuedAnHourAgoThenExpired() {
		String token = this.tokens.issue(ALICE, "alice", List.of("USER"), SESSION, NOW.minus(Duration.ofHours(1))).value();

		assertExpired(token);
	}

	@Test
	void verifyWhenExpiredAndSignatureBadThenInvalidNotExpired() {
		// the signature is checked first: an unauthentic token must not learn that it expired
		var claims = claims();
		claims.put("iat", String.valueOf(NOW_SECONDS - 7200));
		claims.put("exp", String.valueOf(NOW_SECONDS - 7200 + TTL.toSeconds()));

		assertInvalid(TokenForge.sign(object(header()), object(claims), TokenForge.bytes(32, 9)));
	}

	@Test
	void verifyWhenNotBeforeInFutureBeyondClockSkewThenInvalid() {
		var claims = claims();
		claims.put("nbf", String.valueOf(NOW_SECONDS + SKEW_SECONDS + 1));

		assertInvalid(forge(header(), claims));
	}

	@Test
	void verifyWhenIssuedAtInFutureBeyondClockSkewThenInvalid() {
		var claims = claims();
		claims.put("iat", String.valueOf(NOW_SECONDS + SKEW_SECONDS + 1));
		claims.put("exp", String.valueOf(NOW_SECONDS + SKEW_SECONDS + 1 + 60));

		assertInvalid(forge(header(), claims));
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"other\"", "\"Auth-Server\"", "\"auth-server \"", "\"\"", "null", "[\"auth-server\"]",
			"1" })
	void verifyWhenIssuerNotExactlyOursThenInvalid(String iss) {
		var claims = claims();
		claims.put("iss", iss);

		assertInvalid(forge(header(), claims));
	}

	@Test
	void verifyWhenIssuerMissingThenInvalid() {
		var claims = claims();
		claims.remove("iss");

		assertInvalid(forge(header(), claims));
	}

	@Test
	void verifyWhenAudienceMissingThenInvalid() {
		var claims = claims();
		claims.remove("aud");

		assertInvalid(forge(header(), claims));
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"other\"", "[\"other\",\"another\"]", "[]", "\"API\"", "\"api \"", "null", "5" })
	void verifyWhenAudienceNotOursThenInvalid(String aud) {
		var claims = claims();
		claims.put("aud", aud);

		assertInvalid(forge(header(), claims));
	}

	@ParameterizedTest
	@ValueSource(strings = { "sub", "jti", "preferred_username", "roles" })
	void verifyWhenClaimWeRebuildTheUserFromIsMissingThenInvalid(String name) {
		var claims = claims();
		claims.remove(name);

		assertInvalid(forge(header(), claims));
	}

	@ParameterizedTest
	@ValueSource(strings = { "sub=\"alice\"", "sub=42", "roles=\"USER\"", "roles=[\"USER\",1]", "roles=[null]",
			"preferred_username=7", "preferred_username=[\"alice\"]", "jti=\"forged-token-id\"", "jti=42",
			"jti=\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"" })
	void verifyWhenClaimWeRebuildTheUserFromHasWrongTypeThenInvalid(String assignment) {
		var claims = claims();
		String[] parts = assignment.split("=", 2);
		claims.put(parts[0], parts[1]);

		assertInvalid(forge(header(), claims));
	}

	@Test
	void verifyWhenLongerThan8KiBThenInvalid() {
		assertInvalid(forgeOfLength(8 * 1024 + 1));
		assertInvalid(forgeOfLength(64 * 1024));
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1 })
	void verifyWhenHeaderOrPayloadSegmentPaddedThenInvalid(int segment) {
		String[] segments = unalignedSegments();
		segments[segment] = segments[segment] + "=".repeat(4 - segments[segment].length() % 4);

		assertInvalid(TokenForge.signSegments(segments[0], segments[1], MATERIAL, TokenForge.HS256));
	}

	@Test
	void verifyWhenSignatureSegmentPaddedThenInvalid() {
		assertInvalid(forge(header(), claims()) + "=");
	}

	@ParameterizedTest
	@ValueSource(strings = { " ", "+", "/", "=", "\n", "\t", "%", "é", "\u0000" })
	void verifyWhenStrayCharacterInSegmentThenInvalid(String stray) {
		String[] segments = TokenForge.segments(forge(header(), claims()));
		int middle = segments[1].length() / 2;
		String payload = segments[1].substring(0, middle) + stray + segments[1].substring(middle);

		assertInvalid(TokenForge.signSegments(segments[0], payload, MATERIAL, TokenForge.HS256));
	}

	@Test
	void verifyWhenStandardBase64AlphabetThenInvalid() {
		var claims = claims();
		// runs of 0x7E and 0x3F bytes encode to '-' and '_' whatever their alignment
		claims.put("note", string("~~~~~?????"));
		String[] segments = TokenForge.segments(forge(header(), claims));
		assertThat(segments[1]).contains("-", "_");
		String standard = segments[1].replace('-', '+').replace('_', '/');

		assertInvalid(TokenForge.signSegments(segments[0], standard, MATERIAL, TokenForge.HS256));
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1 })
	void verifyWhenHeaderOrPayloadHasNonZeroTrailingBitsThenInvalid(int segment) {
		String[] segments = unalignedSegments();
		String changed = withTrailingBitSet(segments[segment]);
		segments[segment] = changed;

		assertInvalid(TokenForge.signSegments(segments[0], segments[1], MATERIAL, TokenForge.HS256));
	}

	@Test
	void verifyWhenSignatureHasNonZeroTrailingBitsThenInvalid() {
		// the altered signature decodes to the very same MAC, so jjwt alone would accept it
		String[] segments = TokenForge.segments(forge(header(), claims()));

		assertInvalid(segments[0] + "." + segments[1] + "." + withTrailingBitSet(segments[2]));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"%1$s\",\"alg\":\"HS256\"}",
			"{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"%1$s\",\"alg\":\"HS256\"}",
			"{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"%1$s\",\"typ\":\"at+jwt\"}",
			"{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"%1$s\",\"\\u0074yp\":\"at+jwt\"}" })
	void verifyWhenHeaderHasDuplicateNameThenInvalid(String header) {
		String headerJson = header.formatted(this.keys.keyId());

		assertInvalid(TokenForge.sign(headerJson, object(claims()), MATERIAL));
	}

	@ParameterizedTest
	@ValueSource(strings = { "sub", "exp", "roles", "aud", "iss" })
	void verifyWhenPayloadHasDuplicateNameThenInvalid(String name) {
		var claims = claims();
		String json = object(claims);
		// the same member again, with the same value, at the end
		String duplicated = json.substring(0, json.length() - 1) + ",\"" + name + "\":" + claims.get(name) + "}";

		assertInvalid(TokenForge.sign(object(header()), duplicated, MATERIAL));
	}

	@Test
	void verifyWhenPayloadHasDuplicateNameSpelledWithEscapeThenInvalid() {
		String json = object(claims());
		String duplicated = json.substring(0, json.length() - 1) + ",\"\\u0073ub\":\"" + UUID.randomUUID() + "\"}";

		assertInvalid(TokenForge.sign(object(header()), duplicated, MATERIAL));
	}

	@ParameterizedTest
	@ValueSource(strings = { "array", "string", "null", "number", "trailing", "two-objects", "not-json", "empty" })
	void verifyWhenHeaderNotOneJsonObjectThenInvalid(String shape) {
		assertInvalid(TokenForge.sign(notAnObject(object(header()), shape), object(claims()), MATERIAL));
	}

	@ParameterizedTest
	@ValueSource(strings = { "array", "string", "null", "number", "trailing", "two-objects", "not-json", "empty" })
	void verifyWhenPayloadNotOneJsonObjectThenInvalid(String shape) {
		assertInvalid(TokenForge.sign(object(header()), notAnObject(object(claims()), shape), MATERIAL));
	}

	@ParameterizedTest
	@ValueSource(strings = { "FF", "C3", "C0AF", "EDA080", "F4908080", "80" })
	void verifyWhenPayloadNotUtf8ThenInvalid(String badBytes) {
		var claims = claims();
		claims.put("preferred_username", "\"al\u0001ice\"");
		byte[] payload = object(claims).getBytes(StandardCharsets.UTF_8);
		// put the bad bytes inside the username string, where a lax decoder would substitute U+FFFD
		byte[] withBadBytes = TokenForge.splice(payload, "\u0001", HexFormat.of().parseHex(badBytes));

		assertInvalid(TokenForge.sign(object(header()).getBytes(StandardCharsets.UTF_8), withBadBytes, MATERIAL));
	}

	@Test
	void verifyWhenHeaderNotUtf8ThenInvalid() {
		var header = header();
		header.put("x", "\"\u0001\"");
		byte[] withBadBytes = TokenForge.splice(object(header).getBytes(StandardCharsets.UTF_8), "\u0001", HexFormat.of().parseHex("FF"));

		assertInvalid(TokenForge.sign(withBadBytes, object(claims()).getBytes(StandardCharsets.UTF_8), MATERIAL));
	}

	@Test
	void verifyWhenRefreshTokenThenInvalid() {
		RefreshTokens refreshTokens = new RefreshTokens(this.keys, properties(), CLOCK);
		String refresh = refreshTokens.issue(TokenIds.next(), UUID.randomUUID(), ALICE, NOW.minusSeconds(60),
				NOW.plus(Duration.ofDays(14)));

		assertInvalid(refresh);
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", " ", "\t", "\n", "..", "...", "Bearer" })
	void verifyWhenNullEmptyOrBlankThenInvalid(String token) {
		assertInvalid(token);
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"unknown1\"", "\"\"", "\"../../../../etc/passwd\"", "\"https://attacker.example/k\"",
			"\"' OR 1=1 --\"", "42", "null", "{}" })
	void verifyWhenKidUnknownThenInvalid(String kid) {
		var header = header();
		header.put("kid", kid);

		assertInvalid(forge(header, claims()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "jku", "x5u", "jwk", "x5c" })
	void verifyWhenHeaderPointsAtKeysElsewhereThenInvalidWithoutFetching(String name) throws IOException {
		AtomicInteger requests = new AtomicInteger();
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/", (exchange) -> {
			requests.incrementAndGet();
			exchange.sendResponseHeaders(404, -1);
			exchange.close();
		});
		server.start();
		try {
			String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/keys";
			var header = header();
			header.put(name, switch (name) {
				case "jwk" -> "{\"kty\":\"oct\",\"k\":\"" + encode(MATERIAL) + "\"}";
				case "x5c" -> "[\"" + Base64.getEncoder().encodeToString(TokenForge.bytes(64, 2)) + "\"]";
				default -> string(url);
			});

			assertInvalid(forge(header, claims()));
			assertThat(requests).hasValue(0);
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void verifyWhenJweShapedThenInvalid() {
		String jwe = encode("{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"typ\":\"at+jwt\"}") + "." + "." + encode(TokenForge.bytes(12, 3))
				+ "." + encode(object(claims())) + "." + encode(TokenForge.bytes(16, 4));

		assertInvalid(jwe);
	}

	@Test
	void verifyWhenEncHeaderInJwsThenInvalid() {
		var header = header();
		header.put("enc", string("A256GCM"));

		assertInvalid(forge(header, claims()));
	}

	@Test
	void verifyWhenDotsMissingThenInvalid() {
		String[] segments = TokenForge.segments(forge(header(), claims()));

		assertInvalid(segments[0] + segments[1] + segments[2]);
		assertInvalid(segments[0] + "." + segments[1] + segments[2]);
		assertInvalid(segments[0] + "." + segments[1]);
		assertInvalid(segments[0] + "." + segments[1] + "." + segments[2] + ".");
		assertInvalid(segments[0] + "." + segments[1] + "." + segments[2] + "." + segments[2]);
		assertInvalid("." + segments[1] + "." + segments[2]);
	}

	// helpers

	private static JwtProperties properties() {
		return new JwtProperties(null, Path.of("unused.key"), "auth-server", "api", TTL, Duration.ofDays(14),
				Duration.ofSeconds(SKEW_SECONDS), Duration.ofSeconds(5));
	}

	/** The header of a good token. */
	private Map<String, String> header() {
		return TokenForge.header("at+jwt", this.keys.keyId());
	}

	/** The claims of a good token issued a minute ago. */
	private static Map<String, String> claims() {
		var claims = new LinkedHashMap<String, String>();
		claims.put("iss", string("auth-server"));
		claims.put("sub", string(ALICE.toString()));
		claims.put("aud", string("api"));
		claims.put("iat", String.valueOf(NOW_SECONDS - 60));
		claims.put("exp", String.valueOf(NOW_SECONDS - 60 + TTL.toSeconds()));
		claims.put("jti", string(JTI));
		claims.put("preferred_username", string("alice"));
		claims.put("roles", "[\"USER\",\"ADMIN\"]");
		return claims;
	}

	private static String forge(Map<String, String> header, Map<String, String> claims) {
		return TokenForge.sign(object(header), object(claims), MATERIAL);
	}

	/** A good token grown with a filler claim (and header whitespace) to exactly {@code length} characters. */
	private String forgeOfLength(int length) {
		for (int spaces = 0; spaces < 4; spaces++) {
			String headerSegment = encode("{" + " ".repeat(spaces) + object(header()).substring(1));
			var claims = claims();
			int filler = Math.max(0, length * 3 / 4 - 400);
			while (true) {
				claims.put("filler", string("x".repeat(filler)));
				String token = TokenForge.signSegments(headerSegment, encode(object(claims)), MATERIAL,
						TokenForge.HS256);
				if (token.length() == length) {
					return token;
				}
				if (token.length() > length) {
					break;
				}
				filler++;
			}
		}
		throw new IllegalStateException("No token of length " + length);
	}

	/** Segments of a good token whose header and payload lengths are not multiples of four. */
	private String[] unalignedSegments() {
		for (int spaces = 0; spaces < 4; spaces++) {
			String headerJson = "{" + " ".repeat(spaces) + object(header()).substring(1);
			String payloadJson = "{" + " ".repeat(spaces) + object(claims()).substring(1);
			String header = encode(headerJson);
			String payload = encode(payloadJson);
			if (header.length() % 4 != 0 && payload.length() % 4 != 0) {
				String token = TokenForge.signSegments(header, payload, MATERIAL, TokenForge.HS256);
				// the unaltered segments are fine, so only the alteration can be refused
				assertThat(this.tokens.verify(token).userId()).isEqualTo(ALICE);
				return new String[] { header, payload };
			}
		}
		throw new IllegalStateException("No unaligned segments");
	}

	/** Sets a bit of the last character that lies beyond the data, so the bytes decode the same. */
	private static String withTrailingBitSet(String segment) {
		assertThat(segment.length() % 4).isIn(2, 3);
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		int last = alphabet.indexOf(segment.charAt(segment.length() - 1));
		String changed = segment.substring(0, segment.length() - 1) + alphabet.charAt(last | 1);
		assertThat(changed).isNotEqualTo(segment);
		assertThat(Base64.getUrlDecoder().decode(changed)).isEqualTo(Base64.getUrlDecoder().decode(segment));
		return changed;
	}

	private static String notAnObject(String object, String shape) {
		return switch (shape) {
			case "array" -> "[" + object + "]";
			case "string" -> "\"" + object.replace("\"", "\\\"") + "\"";
			case "null" -> "null";
			case "number" -> "1";
			case "trailing" -> object + " x";
			case "two-objects" -> object + object;
			case "not-json" -> object.substring(0, object.length() - 1);
			case "empty" -> "";
			default -> throw new IllegalArgumentException(shape);
		};
	}



	@SuppressWarnings("unchecked")
	private static Map<String, Object> decode(String segment) {
		return JSON.readValue(Base64.getUrlDecoder().decode(segment), Map.class);
	}

	private void assertInvalid(String token) {
		assertInvalidBy(this.tokens, token);
	}

	private static void assertInvalidBy(AccessTokens verifier, String token) {
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> verifier.verify(token))
			.withMessage("The access token is invalid")
			.satisfies((ex) -> assertThat(ex.isExpired()).isFalse());
	}

	private void assertExpired(String token) {
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.tokens.verify(token))
			.withMessage("The access token expired")
			.satisfies((ex) -> assertThat(ex.isExpired()).isTrue());
	}

}
