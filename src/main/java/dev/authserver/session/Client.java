package dev.authserver.session;

/**
 * Who is asking, as a new session records it and the security log names it.
 *
 * @param ip the client address (see docs/security.md)
 * @param userAgent the {@code User-Agent} header, or {@code null}
 */
public record Client(String ip, String userAgent) {
}
