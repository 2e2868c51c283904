package dev.authserver.verifier;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtParser;

import dev.authserver.verification.CompactJws;
import dev.authserver.verification.InvalidTokenException;
import dev.authserver.verification.JwtParsers;
import dev.authserver.verification.SigningAlgorithm;

/**
 * Reads the Security Event Tokens of the server's feed (RFC 8417, docs/revocation.md): signed
 * with the algorithm and keys of the access tokens, {@code typ} {@code secevent+jwt}, from the
 * issuer to this client, each with one CAEP {@code session-revoked} event whose subject (RFC
 * 9493) is one session ({@code opaque}, the session's 22-character text) or one user
 * ({@code iss_sub}: every token issued at or before {@code event_timestamp}).
 */
final class SecurityEventTokens {

	/** RFC 8417 section 2.3. */
	static final String TYPE = "secevent+jwt";

	static final String SESSION_REVOKED = "https://schemas.openid.net/secevent/caep/event-type/session-revoked";

	private static final String KIND = "security event token";

	private final SigningAlgorithm algorithm;

	private final JwtParser parser;

	private final String issuer;

	private final String clientId;

	SecurityEventTokens(VerificationKeys keys, String issuer, String clientId, Duration clockSkew, Clock clock) {
		this.algorithm = keys.algorithm();
		this.parser = JwtParsers.build(keys.algorithm(), keys::find, null, clockSkew.toSeconds(), clock);
		this.issuer = issuer;
		this.clientId = clientId;
	}

	/**
	 * The revocation a SET carries, or throws {@link InvalidTokenException} when it fails a check:
	 * such a SET changes nothing.
	 */
	Revocation read(String set) {
		JwtParsers.Parsed parsed = JwtParsers.parse(this.parser, this.algorithm, set, KIND, this.issuer, this.clientId);
		if (!this.algorithm.jwsName().equals(parsed.header().getAlgorithm()) || !TYPE.equals(parsed.header().getType())) {
			throw JwtParsers.invalid(KIND);
		}
		Claims claims = parsed.claims();
		Date iat = claims.getIssuedAt();
		if (iat == null || claims.getId() == null || !(claims.get("events") instanceof Map<?, ?> events)
				|| events.size() != 1 || !(events.get(SESSION_REVOKED) instanceof Map<?, ?> event)) {
			throw JwtParsers.invalid(KIND);
		}
		long at = iat.toInstant().getEpochSecond();
		Object timestamp = event.get("event_timestamp");
		if (timestamp != null) {
			if (!(timestamp instanceof Integer || timestamp instanceof Long)) {
				throw JwtParsers.invalid(KIND);
			}
			at = ((Number) timestamp).longValue();
		}
		// RFC 9493 puts the subject in sub_id; CAEP's earlier form puts it in the event: either
		Object subject = (claims.get("sub_id") != null) ? claims.get("sub_id") : event.get("subject");
		if (!(subject instanceof Map<?, ?> id) || (claims.get("sub_id") != null && event.get("subject") != null
				&& !claims.get("sub_id").equals(event.get("subject")))) {
			throw JwtParsers.invalid(KIND);
		}
		Object format = id.get("format");
		if ("opaque".equals(format) && id.size() == 2 && id.get("id") instanceof String session
				&& isSessionText(session)) {
			return new Revocation(session, null, at);
		}
		if ("iss_sub".equals(format) && id.size() == 3 && this.issuer.equals(id.get("iss"))
				&& id.get("sub") instanceof String sub) {
			try {
				return new Revocation(null, JwtParsers.uuid(sub), at);
			}
			catch (IllegalArgumentException ex) {
				throw JwtParsers.invalid(KIND);
			}
		}
		throw JwtParsers.invalid(KIND);
	}

	/** 16 bytes in unpadded base64url, as the first 22 characters of an access token's {@code jti}. */
	private static boolean isSessionText(String text) {
		if (text.length() != 22) {
			return false;
		}
		for (int i = 0; i < 22; i++) {
			if (CompactJws.base64UrlValue(text.charAt(i)) < 0) {
				return false;
			}
		}
		return true;
	}

	/**
	 * What one event revokes: a session, or a user's tokens up to a moment.
	 *
	 * @param sessionText the ended session as a token's {@code jti} starts, or {@code null}
	 * @param userId the user whose tokens are revoked, or {@code null}
	 * @param at the event's time in epoch seconds: for a user, the last {@code iat} refused
	 */
	record Revocation(String sessionText, UUID userId, long at) {

		void applyTo(Revocations revocations) {
			if (this.sessionText != null) {
				revocations.revokeSession(this.sessionText, this.at);
			}
			else {
				revocations.revokeUser(this.userId, this.at);
			}
		}

	}

}
