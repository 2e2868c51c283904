package dev.authserver.session;

import java.util.UUID;

import dev.authserver.token.IssuedToken;

/**
 * What a login or a refresh hands out.
 *
 * @param sessionId the session both tokens belong to
 * @param accessToken the new access token
 * @param refreshToken the session's newest refresh token
 */
public record IssuedTokens(UUID sessionId, IssuedToken accessToken, IssuedToken refreshToken) {
}
