package dev.authserver.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Browser mode (docs/browser.md).
 *
 * @param secureCookie whether the refresh-token cookie carries {@code Secure}; only plain-http
 * development on localhost turns it off
 */
@ConfigurationProperties("auth.browser")
public record BrowserProperties(@DefaultValue("true") boolean secureCookie) {
}
