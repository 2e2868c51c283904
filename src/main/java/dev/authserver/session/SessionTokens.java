package dev.authserver.session;

import java.time.Instant;
import java.util.UUID;

import dev.authserver.token.IssuedToken;

/**
 * What a session hands out at login or refresh.
 *
 * @param sessionId the session the tokens belong to
 * @param refreshToken the session's newest refresh token
 * @param accessTokensNotBefore the earliest {@code iat} an access token of this user may
 * carry now, or {@code null}; set by a revocation of the user's access tokens
 */
public record SessionTokens(UUID sessionId, IssuedToken refreshToken, Instant accessTokensNotBefore) {
}
