package dev.authserver.token;

import java.time.Instant;
import java.util.UUID;

/**
 * What a verified refresh token names.
 *
 * @param tokenId {@code jti}, the key of its stored state
 * @param sessionId {@code sid}, the session (family) it belongs to
 * @param userId {@code sub}
 * @param expiresAt {@code exp}
 * @param expired whether it was read past its expiry (only for logout)
 */
public record RefreshTokenClaims(String tokenId, UUID sessionId, UUID userId, Instant expiresAt, boolean expired) {
}
