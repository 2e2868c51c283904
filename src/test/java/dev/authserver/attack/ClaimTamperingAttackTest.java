package dev.authserver.attack;

import java.math.BigInteger;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpStatus;

import dev.authserver.attack.Forgery.Draft;
import dev.authserver.support.Api.Tokens;
import dev.authserver.token.TokenForge;
import dev.authserver.verification.TokenIds;

import static dev.authserver.attack.Forgery.str;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/tokens.md and RFC 8725 sections 3.8 to 3.10: claims changed after signing never
 * pass, and even with a fresh signature from our own key a token whose issuer, audience,
 * type, times, subject or token id break a rule is refused with 401.
 */
class ClaimTamperingAttackTest extends AttackTest {

	@Test
	void meWhenForgedByTheRulesThenAccepted() {
		this.attacker.assertAccessAccepted(this.forgery.access().signed());
	}

	// changed after signing: the signature is not made again

	@Test
	void adminWhenRolesRaisedWithoutNewSignatureThenInvalidToken() {
		String genuine = this.attacker.signup().accessToken();
		assertThat(this.attacker.adminUsers(genuine)).hasStatus(HttpStatus.FORBIDDEN);

		this.attacker.assertAccessRejected(keepingSignature(genuine,
				this.forgery.access(genuine).claim("roles", "[\"USER\",\"ADMIN\"]")));
		this.attacker.assertAccessRejected(keepingSignature(genuine,
				this.forgery.access(genuine).claim("roles", "[\"ADMIN\"]")));
	}

	@Test
	void meWhenSubjectOrUsernameChangedWithoutNewSignatureThenInvalidToken() {
		String genuine = this.attacker.signup().accessToken();

		this.attacker.assertAccessRejected(keepingSignature(genuine,
				this.forgery.access(genuine).claim("sub", str(UUID.randomUUID().toString()))));
		this.attacker.assertAccessRejected(keepingSignature(genuine,
				this.forgery.access(genuine).claim("preferred_username", str("admin"))));
		this.attacker.assertAccessRejected(keepingSignature(genuine,
				this.forgery.access(genuine).claim("exp", Long.toString(this.forgery.now() + 86_400))));
	}

	@Test
	void refreshWhenSessionOrSubjectChangedWithoutNewSignatureThenInvalidToken() {
		Tokens other = this.attacker.signup();
		Draft victim = this.forgery.refresh(other.refreshToken());

		this.attacker.assertRefreshAttackFails(
				(draft) -> keepingSignature(draft.signed(), draft.claim("sid", victim.claim("sid"))));
		this.attacker.assertRefreshAttackFails(
				(draft) -> keepingSignature(draft.signed(), draft.claim("sub", victim.claim("sub"))));
		this.attacker.assertRefreshAttackFails(
				(draft) -> keepingSignature(draft.signed(), draft.claim("exp", Long.toString(this.forgery.now() + 999_999))));
		assertThat(this.attacker.refresh(other.refreshToken())).hasStatusOk();
	}

	// signed anew with our key, but breaking a rule

	@ParameterizedTest
	@ValueSource(strings = { "\"other\"", "\"Auth-Server\"", "\"auth-server \"", "\" auth-server\"", "\"\"", "\" \"",
			"null", "[\"auth-server\"]", "42", "{}", "MISSING" })
	void meWhenIssuerNotOursThenInvalidToken(String iss) {
		this.attacker.assertAccessRejected(set(this.forgery.access(), "iss", iss).signed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"other\"", "\"API\"", "\"api \"", "\"\"", "[]", "[\"other\"]", "[\"API\"]", "null", "42",
			"{\"aud\":\"api\"}", "\"auth-server\"", "[\"auth-server\"]", "MISSING" })
	void meWhenAudienceNotOursThenInvalidToken(String aud) {
		// "auth-server" is the audience of refresh tokens: an access token never names it alone
		this.attacker.assertAccessRejected(set(this.forgery.access(), "aud", aud).signed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"JWT\"", "\"jwt\"", "\"at+JWT\"", "\"AT+JWT\"", "\"application/at+jwt\"", "\"at+jwt \"",
			"\"rt+jwt\"", "\"\"", "\" \"", "null", "1", "[\"at+jwt\"]", "MISSING" })
	void meWhenTypeNotAtJwtThenInvalidToken(String typ) {
		Draft draft = this.forgery.access();
		if (typ.equals("MISSING")) {
			draft.withoutHeader("typ");
		}
		else {
			draft.header("typ", typ);
		}

		this.attacker.assertAccessRejected(draft.signed());
	}

	@ParameterizedTest
	@ValueSource(longs = { 1, 60, 3600, 86_400 * 365, 86_400L * 365 * 100 })
	void meWhenExpiryBeyondIssuedAtPlusLifetimeThenInvalidToken(long secondsTooMany) {
		Draft draft = this.forgery.access();
		long iat = Long.parseLong(draft.claim("iat"));
		long ttl = this.forgery.properties().accessTokenTtl().toSeconds();

		this.attacker.assertAccessRejected(draft.claim("exp", Long.toString(iat + ttl + secondsTooMany)).signed());
	}

	@Test
	void meWhenExpiryAtIssuedAtPlusLifetimeThenAccepted() {
		// the control for the test above: the limit itself is fine
		Draft draft = this.forgery.access();
		long iat = Long.parseLong(draft.claim("iat"));

		this.attacker.assertAccessAccepted(draft
			.claim("exp", Long.toString(iat + this.forgery.properties().accessTokenTtl().toSeconds()))
			.signed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "STRING", "\"2099-01-01T00:00:00Z\"", "true", "null", "{}", "[EXP]", "\"\"", "MISSING" })
	void meWhenExpiryNotANumberThenInvalidToken(String exp) {
		Draft draft = this.forgery.access();
		String value = exp.replace("STRING", str(draft.claim("exp"))).replace("EXP", draft.claim("exp"));

		this.attacker.assertAccessRejected(set(draft, "exp", value).signed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "1e300", "-1e300", "1e400", "1.7976931348623157E308", "9.3e15", "9223372036854775807",
			"-9223372036854775808", "99999999999999999999", "18446744073709551616", "WRAP", "PLUS_ONE_AND_A_HALF" })
	void meWhenExpiryFloatOrHugeThenInvalidToken(String exp) {
		Draft draft = this.forgery.access();
		long iat = Long.parseLong(draft.claim("iat"));
		long ttl = this.forgery.properties().accessTokenTtl().toSeconds();
		String value = switch (exp) {
			// seconds whose milliseconds overflow a long and wrap around to five minutes from now
			case "WRAP" -> BigInteger.TWO.pow(64)
				.add(BigInteger.valueOf((this.forgery.now() + 300) * 1000))
				.divide(BigInteger.valueOf(1000))
				.toString();
			// a fraction past the limit: jjwt reads whole seconds, so this is the limit plus one
			case "PLUS_ONE_AND_A_HALF" -> (iat + ttl + 1) + ".5";
			default -> exp;
		};

		this.attacker.assertAccessRejected(draft.claim("exp", value).signed());
	}

	@Test
	void meWhenNotBeforeInFutureThenInvalidToken() {
		Draft draft = this.forgery.access();

		this.attacker.assertAccessRejected(draft.claim("nbf", Long.toString(this.forgery.now() + 120)).signed());
		this.attacker.assertAccessRejected(
				this.forgery.access().claim("nbf", str(Long.toString(this.forgery.now() - 60))).signed());
		this.attacker.assertAccessRejected(this.forgery.access().claim("nbf", "1e400").signed());
	}

	@Test
	void meWhenIssuedAtInFutureThenInvalidToken() {
		long iat = this.forgery.now() + 120;
		Draft draft = this.forgery.access()
			.claim("iat", Long.toString(iat))
			.claim("exp", Long.toString(iat + this.forgery.properties().accessTokenTtl().toSeconds()));

		this.attacker.assertAccessRejected(draft.signed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "STRING", "null", "MISSING", "1e400", "-9223372036854775808" })
	void meWhenIssuedAtMissingOrNotANumberThenInvalidToken(String iat) {
		Draft draft = this.forgery.access();

		this.attacker.assertAccessRejected(set(draft, "iat", iat.replace("STRING", str(draft.claim("iat")))).signed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "admin", "", " ", "not-a-uuid", "1-1-1-1-1", "0-0-0-0-0", "{UUID}", "urn:uuid:UUID",
			"UUID ", " UUID", "UUID0", "UUID\u0000", "00000000-0000-0000-0000-00000000000g", "UPPER", "NUMBER",
			"ARRAY" })
	void meWhenSubjectNotAUuidThenInvalidToken(String sub) {
		// Java's UUID.fromString takes 1-1-1-1-1 and upper case: other spellings of some user's id
		String uuid = UUID.randomUUID().toString();
		String value = switch (sub) {
			case "UPPER" -> str(uuid.toUpperCase(Locale.ROOT));
			case "NUMBER" -> "42";
			case "ARRAY" -> "[" + str(uuid) + "]";
			default -> str(sub.replace("UUID", uuid));
		};

		this.attacker.assertAccessRejected(this.forgery.access().claim("sub", value).signed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "RANDOM", "", " ", "SESSION_SHORT", "SESSION_LONG", "SESSION_PLUS", "UUID", "42", "null",
			"[]", "MISSING" })
	void meWhenTokenIdNotSessionBoundThenInvalidToken(String jti) {
		String bound = TokenIds.forSession(UUID.randomUUID());
		String value = switch (jti) {
			case "RANDOM" -> str(TokenIds.next());
			case "SESSION_SHORT" -> str(bound.substring(0, 27));
			case "SESSION_LONG" -> str(bound + "A");
			case "SESSION_PLUS" -> str("+" + bound.substring(1));
			case "UUID" -> str(UUID.randomUUID().toString());
			case "42", "null", "[]", "MISSING" -> jti;
			default -> str(jti);
		};

		this.attacker.assertAccessRejected(set(this.forgery.access(), "jti", value).signed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"ADMIN\"", "[\"ADMIN\",1]", "[null,\"ADMIN\"]", "[[\"ADMIN\"]]", "{\"0\":\"ADMIN\"}",
			"null", "MISSING" })
	void meWhenRolesNotAListOfStringsThenInvalidToken(String roles) {
		this.attacker.assertAccessRejected(set(this.forgery.access(), "roles", roles).signed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "42", "null", "[\"mallory\"]", "{}", "MISSING" })
	void meWhenUsernameNotAStringThenInvalidToken(String username) {
		this.attacker.assertAccessRejected(set(this.forgery.access(), "preferred_username", username).signed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "[\"admin\"]", "[\"ROLE_ADMIN\"]", "[\"ADMIN \"]", "[\" ADMIN\"]", "[\"Admin\"]",
			"[\"ADMIN\\u0000\"]", "[\"\"]", "[\"USER,ADMIN\"]" })
	void adminWhenRoleOnlyLooksLikeAdminThenForbidden(String roles) {
		// not a tampering the signature catches (it is ours): the role must match exactly
		String token = this.forgery.access().claim("roles", roles).signed();

		assertThat(this.attacker.me(token)).hasStatusOk();
		assertThat(this.attacker.adminUsers(token)).hasStatus(HttpStatus.FORBIDDEN)
			.bodyJson()
			.extractingPath("$.code")
			.isEqualTo("insufficient_role");
	}

	@ParameterizedTest
	@ValueSource(strings = { "iss", "aud", "typ", "exp", "iat", "sid", "sub", "jti" })
	void refreshWhenClaimBreaksRuleThenInvalidToken(String name) {
		this.attacker.assertRefreshAttackFails((draft) -> {
			switch (name) {
				case "iss" -> draft.claim("iss", str("other"));
				// "api" is the audience of access tokens
				case "aud" -> draft.claim("aud", str(this.forgery.properties().audience()));
				case "typ" -> draft.header("typ", str("at+jwt"));
				case "exp" -> draft.claim("exp", str(draft.claim("exp")));
				case "iat" -> draft.claim("iat", Long.toString(this.forgery.now() + 3600));
				case "sid" -> draft.claim("sid", str("not-a-uuid"));
				case "sub" -> draft.claim("sub", str("admin"));
				case "jti" -> draft.claim("jti", str(TokenIds.next()));
				default -> throw new IllegalArgumentException(name);
			}
			return draft.signed();
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "sub", "sid" })
	void refreshWhenSubjectOrSessionSpelledOtherwiseThenInvalidToken(String name) {
		// the same user and session in upper case, as Java's UUID parser would also read them
		this.attacker.assertRefreshAttackFails((draft) -> {
			String uuid = draft.claim(name).replace("\"", "");
			String upper = uuid.toUpperCase(Locale.ROOT);
			assertThat(upper).isNotEqualTo(uuid);
			return draft.claim(name, str(upper)).signed();
		});
	}

	@Test
	void refreshWhenSignedAnewNamingAnotherUsersSessionThenInvalidToken() {
		// even our own signature over mixed-up claims opens no one else's session
		Tokens other = this.attacker.signup();
		Draft victim = this.forgery.refresh(other.refreshToken());

		this.attacker.assertRefreshAttackFails((draft) -> draft.claim("sid", victim.claim("sid")).signed());
		this.attacker.assertRefreshAttackFails((draft) -> draft.claim("sub", victim.claim("sub")).signed());
		this.attacker.assertRefreshAttackFails((draft) -> draft.claim("jti", victim.claim("jti")).signed());
		assertThat(this.attacker.refresh(other.refreshToken())).hasStatusOk();
	}

	/** The changed claims with the signature of the original token. */
	private static String keepingSignature(String original, Draft changed) {
		String[] segments = TokenForge.segments(changed.signed());
		return segments[0] + "." + segments[1] + "." + TokenForge.segments(original)[2];
	}

	/** Sets a claim to raw JSON, or removes it for {@code MISSING}. */
	private static Draft set(Draft draft, String name, String json) {
		return json.equals("MISSING") ? draft.withoutClaim(name) : draft.claim(name, json);
	}

}
