package dev.authserver.events;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import io.jsonwebtoken.Jwts;

import org.springframework.stereotype.Component;

import dev.authserver.token.JwtProperties;
import dev.authserver.token.SigningKeys;
import dev.authserver.verification.TokenIds;

/**
 * Signs Security Event Tokens (RFC 8417) as access tokens are signed, so that whatever verifies
 * an access token verifies them: the same algorithm and key, with {@code typ}
 * {@code secevent+jwt}. Each holds one OpenID CAEP {@code session-revoked} event whose subject
 * (RFC 9493) is one session, {@code opaque} with the session text that starts its access tokens'
 * {@code jti}, or one user, {@code iss_sub}. The subject is the SET's {@code sub_id} claim, as
 * the Shared Signals Framework puts it, and also the event's {@code subject}, where CAEP's
 * earlier drafts put it.
 */
@Component
class SecurityEventTokens {

	/** The CAEP event type every SET of ours carries. */
	static final String SESSION_REVOKED = "https://schemas.openid.net/secevent/caep/event-type/session-revoked";

	static final String TYPE = "secevent+jwt";

	private final SigningKeys keys;

	private final JwtProperties jwt;

	SecurityEventTokens(SigningKeys keys, JwtProperties jwt) {
		this.keys = keys;
		this.jwt = jwt;
	}

	/** The event as a SET for one receiver, issued now. */
	String sign(RevocationEvent event, String receiver, Instant now) {
		Map<String, Object> subject = new LinkedHashMap<>();
		if (event.sessionId() != null) {
			subject.put("format", "opaque");
			subject.put("id", TokenIds.sessionText(event.sessionId()));
		}
		else {
			subject.put("format", "iss_sub");
			subject.put("iss", this.jwt.issuer());
			subject.put("sub", event.userId().toString());
		}
		Map<String, Object> revoked = new LinkedHashMap<>();
		revoked.put("subject", subject);
		revoked.put("event_timestamp", event.revokedAt().getEpochSecond());
		return Jwts.builder()
			.provider(this.keys.algorithm().provider())
			.header().type(TYPE).keyId(this.keys.accessKeyId()).and()
			.issuer(this.jwt.issuer())
			.audience().single(receiver)
			.issuedAt(Date.from(now))
			.id(event.jti())
			.claim("sub_id", subject)
			.claim("events", Map.of(SESSION_REVOKED, revoked))
			.signWith(this.keys.accessSigningKey(), this.keys.algorithm().jjwt())
			.compact();
	}

}
