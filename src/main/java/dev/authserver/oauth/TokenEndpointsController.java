package dev.authserver.oauth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Parameter;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.authserver.audit.SecurityEvents;
import dev.authserver.audit.SecurityEvents.Event;
import dev.authserver.session.AccessTokenRevocations;
import dev.authserver.session.SessionService;
import dev.authserver.token.AccessTokens;
import dev.authserver.token.JwtProperties;
import dev.authserver.verification.AccessTokenClaims;
import dev.authserver.verification.InvalidTokenException;

/**
 * Token introspection (RFC 7662), for service clients that do not verify tokens themselves,
 * and token revocation (RFC 7009), for clients. Both take a form, as the RFCs say. The
 * {@code @RequestParam} parameters describe the form in the OpenAPI document; the values are
 * read with {@link InvalidTokenRequestException#formValue}, which also refuses a token in the
 * URL and a parameter given twice, where Spring would take the one and join the other.
 */
@RestController
@RequestMapping(path = "/api/auth", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
class TokenEndpointsController {

	private static final Map<String, Object> INACTIVE = Map.of("active", false);

	private final ServiceClients clients;

	private final AccessTokens accessTokens;

	private final AccessTokenRevocations revocations;

	private final SessionService sessions;

	private final SecurityEvents events;

	private final JwtProperties jwt;

	TokenEndpointsController(ServiceClients clients, AccessTokens accessTokens, AccessTokenRevocations revocations,
			SessionService sessions, SecurityEvents events, JwtProperties jwt) {
		this.clients = clients;
		this.accessTokens = accessTokens;
		this.revocations = revocations;
		this.sessions = sessions;
		this.events = events;
		this.jwt = jwt;
	}

	/**
	 * The same rules and the same revocations as the bearer filter: a token it would accept is
	 * active, any other is {@code {"active":false}} and nothing more. The revocation log is read
	 * too, so that a revocation on another instance shows at once rather than at its next poll.
	 */
	@PostMapping("/introspect")
	ResponseEntity<Map<String, Object>> introspect(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@Parameter(description = "The token, in the form body") @RequestParam(name = "token",
					required = false) String described,
			@Parameter(description = "Read and not needed") @RequestParam(name = "token_type_hint",
					required = false) String describedHint,
			HttpServletRequest http) {
		this.clients.authenticate(authorization).orElseThrow(InvalidClientException::new);
		String token = requiredToken(http);
		InvalidTokenRequestException.formValue(http, "token_type_hint");
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(describe(token));
	}

	private Map<String, Object> describe(String token) {
		AccessTokenClaims claims;
		try {
			claims = this.accessTokens.verify(token);
		}
		catch (InvalidTokenException ex) {
			return INACTIVE;
		}
		if (this.revocations.isRevokedInLog(claims)) {
			return INACTIVE;
		}
		Map<String, Object> active = new LinkedHashMap<>();
		active.put("active", true);
		active.put("token_type", "access_token");
		active.put("sub", claims.userId().toString());
		active.put("username", claims.username());
		active.put("roles", claims.roles());
		active.put("iss", this.jwt.issuer());
		active.put("aud", this.jwt.audience());
		active.put("iat", claims.issuedAt().getEpochSecond());
		active.put("exp", claims.expiresAt().getEpochSecond());
		active.put("jti", claims.tokenId());
		return active;
	}

	/**
	 * Ends the session of a refresh or access token: both kinds of token of that session stop
	 * working. An unknown or invalid token is answered the same, 200 with no body (RFC 7009
	 * section 2.2): possession of the token is the authority, and the answer tells nothing.
	 */
	@PostMapping("/revoke")
	ResponseEntity<Void> revoke(
			@Parameter(description = "The token, in the form body") @RequestParam(name = "token",
					required = false) String described,
			@Parameter(description = "access_token or refresh_token: which kind to try first") @RequestParam(
					name = "token_type_hint", required = false) String describedHint,
			HttpServletRequest http) {
		String token = requiredToken(http);
		String hint = InvalidTokenRequestException.formValue(http, "token_type_hint");
		UUID userId = "access_token".equals(hint) ? revokeAccessToken(token) : null;
		if (userId == null) {
			userId = revokeRefreshToken(token);
		}
		if (userId == null && !"access_token".equals(hint)) {
			userId = revokeAccessToken(token);
		}
		if (userId != null) {
			this.events.success(Event.REVOKE, userId, http.getRemoteAddr());
		}
		return ResponseEntity.ok().build();
	}

	/** The token of the form body, once, or 400 {@code invalid_request}. */
	private static String requiredToken(HttpServletRequest http) {
		String token = InvalidTokenRequestException.formValue(http, "token");
		if (token == null || token.isEmpty()) {
			throw new InvalidTokenRequestException("The token parameter is required");
		}
		return token;
	}

	private UUID revokeRefreshToken(String token) {
		try {
			return this.sessions.logout(token);
		}
		catch (InvalidTokenException ex) {
			return null;
		}
	}

	private UUID revokeAccessToken(String token) {
		try {
			AccessTokenClaims claims = this.accessTokens.verify(token);
			// the event says a session ended: none when it had ended already
			return this.sessions.end(claims.sessionId(), claims.userId()) ? claims.userId() : null;
		}
		catch (InvalidTokenException ex) {
			return null;
		}
	}

}
