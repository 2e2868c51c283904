package dev.authserver.token;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import dev.authserver.verification.InvalidTokenException;

import static dev.authserver.token.TokenForge.object;
import static dev.authserver.token.TokenForge.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Refresh tokens (docs/tokens.md): deterministic, of their own kind, and readable past expiry only for logout. */
class RefreshTokensTest {

	private static final Instant NOW = Instant.parse("2025-01-15T10:00:00Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	private static final Duration TTL = Duration.ofDays(14);

	private static final long SKEW_SECONDS = 30;

	private static final UUID ALICE = UUID.fromString("3f1c9a52-7d4e-4b8a-9c61-2e5f0d7a8b19");

	private static final UUID SESSION = UUID.fromString("9b2d7c40-1e3f-4a5b-8c6d-7e8f9a0b1c2d");

	private final SigningKeys keys = SigningKeys.of(TokenForge.bytes(32, 1));

	private final RefreshTokens tokens = new RefreshTokens(this.keys, properties(), CLOCK);

	@Test
	void verifyWhenIssuedThenSameTokenIdSessionUserAndExpiry() {
		String token = this.tokens.issue("token-1", SESSION, ALICE, NOW.minusSeconds(60), NOW.plus(TTL));

		RefreshTokenClaims claims = this.tokens.verify(token);

		assertThat(claims).isEqualTo(new RefreshTokenClaims("token-1", SESSION, ALICE, NOW.plus(TTL), false));
	}

	@Test
	void issueWhenCalledThenOwnTypAudienceAndSession() {
		String token = this.tokens.issue("token-1", SESSION, ALICE, NOW, NOW.plus(TTL));

		String[] segments = TokenForge.segments(token);
		assertThat(decode(segments[0])).containsOnlyKeys("alg", "typ", "kid")
			.containsEntry("alg", "HS256")
			.containsEntry("typ", "rt+jwt")
			.containsEntry("kid", this.keys.keyId());
		Map<String, Object> claims = decode(segments[1]);
		assertThat(claims).containsOnlyKeys("iss", "sub", "aud", "iat", "exp", "jti", "sid")
			.containsEntry("iss", "auth-server")
			.containsEntry("sub", ALICE.toString())
			.containsEntry("jti", "token-1")
			.containsEntry("sid", SESSION.toString());
		// the audience is the server itself, never the access-token audience
		assertThat(claims.get("aud")).isIn("auth-server", List.of("auth-server"));
	}

	@Test
	void issueWhenSameInputsThenSameToken() {
		String first = this.tokens.issue("token-1", SESSION, ALICE, NOW, NOW.plus(TTL));
		String second = new RefreshTokens(SigningKeys.of(TokenForge.bytes(32, 1)), properties(), CLOCK)
			.issue("token-1", SESSION, ALICE, NOW, NOW.plus(TTL));

		assertThat(second).isEqualTo(first);
	}

	@Test
	void issueWhenAnyInputDiffersThenDifferentToken() {
		String token = this.tokens.issue("token-1", SESSION, ALICE, NOW, NOW.plus(TTL));

		assertThat(List.of(this.tokens.issue("token-2", SESSION, ALICE, NOW, NOW.plus(TTL)),
				this.tokens.issue("token-1", UUID.randomUUID(), ALICE, NOW, NOW.plus(TTL)),
				this.tokens.issue("token-1", SESSION, UUID.randomUUID(), NOW, NOW.plus(TTL)),
				this.tokens.issue("token-1", SESSION, ALICE, NOW.minusSeconds(1), NOW.plus(TTL)),
				this.tokens.issue("token-1", SESSION, ALICE, NOW, NOW.plus(TTL).plusSeconds(1))))
			.doesNotContain(token)
			.doesNotHaveDuplicates();
	}

	@Test
	void verifyWhenForgedByTheRulesThenAccepted() {
		// positive control: the forged tokens below differ from this one only in what each test changes
		RefreshTokenClaims claims = this.tokens.verify(forge(header(), claims()));

		assertThat(claims).isEqualTo(new RefreshTokenClaims("token-1", SESSION, ALICE, NOW.plus(TTL), false));
	}

	@Test
	void verifyWhenAccessTokenThenInvalid() {
		AccessTokens accessTokens = new AccessTokens(this.keys, properties(), CLOCK);
		String access = accessTokens.issue(ALICE, "alice", List.of("USER"), SESSION).value();

		assertInvalid(access);
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> this.tokens.verifyAllowingExpiry(access))
			.satisfies((ex) -> assertThat(ex.isExpired()).isFalse());
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"at+jwt\"", "\"JWT\"", "\"RT+JWT\"", "null" })
	void verifyWhenTypNotRtJwtThenInvalid(String typ) {
		// signed with the refresh key, so only the typ tells these apart
		var header = header();
		header.put("typ", typ);

		assertInvalid(forge(header, claims()));
	}

	@Test
	void verifyWhenSignatureBadThenInvalid() {
		String token = TokenForge.sign(object(header()), object(claims()), TokenForge.bytes(32, 5));

		assertInvalid(token);
	}

	@ParameterizedTest
	@ValueSource(strings = { "sid", "jti", "sub", "iat", "exp" })
	void verifyWhenClaimMissingThenInvalid(String name) {
		var claims = claims();
		claims.remove(name);

		assertInvalid(forge(header(), claims));
	}

	@ParameterizedTest
	@ValueSource(strings = { "sid=\"session-1\"", "sid=42", "sub=\"alice\"", "aud=\"api\"", "iss=\"other\"" })
	void verifyWhenClaimWrongThenInvalid(String assignment) {
		var claims = claims();
		String[] parts = assignment.split("=", 2);
		claims.put(parts[0], parts[1]);

		assertInvalid(forge(header(), claims));
	}

	@Test
	void verifyWhenIssuedAtInFutureBeyondClockSkewThenInvalid() {
		String token = this.tokens.issue("token-1", SESSION, ALICE, NOW.plusSeconds(SKEW_SECONDS + 1), NOW.plus(TTL));

		assertInvalid(token);
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", " ", "not-a-token" })
	void verifyWhenNullEmptyOrGarbageThenInvalid(String token) {
		assertInvalid(token);
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> this.tokens.verifyAllowingExpiry(token));
	}

	@Test
	void verifyWhenExpiredThenExpired() {
		String token = expired();

		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.tokens.verify(token))
			.withMessage("The refresh token expired")
			.satisfies((ex) -> assertThat(ex.isExpired()).isTrue());
	}

	@Test
	void verifyAllowingExpiryWhenExpiredThenClaimsMarkedExpired() {
		RefreshTokenClaims claims = this.tokens.verifyAllowingExpiry(expired());

		assertThat(claims).isEqualTo(new RefreshTokenClaims("token-1", SESSION, ALICE, NOW.minus(Duration.ofDays(1)),
				true));
	}

	@Test
	void verifyAllowingExpiryWhenNotExpiredThenClaimsNotMarkedExpired() {
		String token = this.tokens.issue("token-1", SESSION, ALICE, NOW.minusSeconds(60), NOW.plus(TTL));

		assertThat(this.tokens.verifyAllowingExpiry(token).expired()).isFalse();
	}

	@Test
	void verifyAllowingExpiryWhenSignatureBadThenInvalid() {
		var claims = claims();
		claims.put("iat", String.valueOf(NOW.minus(TTL).minus(Duration.ofDays(1)).getEpochSecond()));
		claims.put("exp", String.valueOf(NOW.minus(Duration.ofDays(1)).getEpochSecond()));
		String expiredOtherKey = TokenForge.sign(object(header()), object(claims), TokenForge.bytes(32, 5));
		String validOtherKey = TokenForge.sign(object(header()), object(claims()), TokenForge.bytes(32, 5));

		assertInvalidAllowingExpiry(expiredOtherKey);
		assertInvalidAllowingExpiry(validOtherKey);
	}

	@Test
	void verifyAllowingExpiryWhenSignedWithAccessKeyThenInvalid() {
		var claims = expiredClaims();
		claims.put("iat", String.valueOf(NOW.minus(TTL).minus(Duration.ofDays(1)).getEpochSecond()));
		String token = TokenForge.sign(object(header()), object(claims), this.keys.accessKey().getEncoded());

		assertInvalidAllowingExpiry(token);
	}

	@Test
	void verifyAllowingExpiryWhenExpiredButNotOurKindThenInvalid() {
		var header = header();
		header.put("typ", string("at+jwt"));
		var claims = expiredClaims();

		assertInvalidAllowingExpiry(forge(header, claims));
	}

	/** Logout reads expired tokens too: they are held to the issuer and audience all the same. */
	@ParameterizedTest
	@ValueSource(strings = { "aud=\"api\"", "iss=\"other\"", "aud=[\"other\"]" })
	void verifyAllowingExpiryWhenExpiredAndIssuerOrAudienceWrongThenInvalid(String assignment) {
		var claims = expiredClaims();
		String[] parts = assignment.split("=", 2);
		claims.put(parts[0], parts[1]);

		assertInvalidAllowingExpiry(forge(header(), claims));
		// the control: the same expired token with our issuer and audience names its session
		assertThat(this.tokens.verifyAllowingExpiry(forge(header(), expiredClaims())).expired()).isTrue();
	}

	@Test
	void verifyAllowingExpiryWhenEncodingNotCanonicalThenInvalid() {
		String[] segments = TokenForge.segments(expired());

		assertInvalidAllowingExpiry(segments[0] + "." + segments[1] + "." + segments[2] + "=");
		assertInvalidAllowingExpiry(segments[0] + "." + segments[1] + " ." + segments[2]);
	}

	// helpers

	private String expired() {
		return this.tokens.issue("token-1", SESSION, ALICE, NOW.minus(TTL).minus(Duration.ofDays(1)),
				NOW.minus(Duration.ofDays(1)));
	}

	private static JwtProperties properties() {
		return new JwtProperties(null, Path.of("unused.key"), "auth-server", "api", Duration.ofMinutes(15), TTL,
				Duration.ofSeconds(SKEW_SECONDS), Duration.ofSeconds(5));
	}

	private Map<String, String> header() {
		return TokenForge.header("rt+jwt", this.keys.keyId());
	}

	private static Map<String, String> claims() {
		var claims = new LinkedHashMap<String, String>();
		claims.put("iss", string("auth-server"));
		claims.put("sub", string(ALICE.toString()));
		claims.put("aud", string("auth-server"));
		claims.put("iat", String.valueOf(NOW.minusSeconds(60).getEpochSecond()));
		claims.put("exp", String.valueOf(NOW.plus(TTL).getEpochSecond()));
		claims.put("jti", string("token-1"));
		claims.put("sid", string(SESSION.toString()));
		return claims;
	}

	private static Map<String, String> expiredClaims() {
		var claims = claims();
		claims.put("exp", String.valueOf(NOW.minus(Duration.ofDays(1)).getEpochSecond()));
		return claims;
	}

	private String forge(Map<String, String> header, Map<String, String> claims) {
		return TokenForge.sign(object(header), object(claims), this.keys.refreshKey().getEncoded());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> decode(String segment) {
		return JsonMapper.builder().build().readValue(Base64.getUrlDecoder().decode(segment), Map.class);
	}

	private void assertInvalid(String token) {
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.tokens.verify(token))
			.withMessage("The refresh token is invalid")
			.satisfies((ex) -> assertThat(ex.isExpired()).isFalse());
	}

	private void assertInvalidAllowingExpiry(String token) {
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> this.tokens.verifyAllowingExpiry(token))
			.withMessage("The refresh token is invalid")
			.satisfies((ex) -> assertThat(ex.isExpired()).isFalse());
	}

}
