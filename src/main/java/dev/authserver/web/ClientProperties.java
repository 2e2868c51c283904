package dev.authserver.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who the client of a request is (docs/security.md).
 *
 * @param trustedProxies addresses or CIDR blocks (such as {@code 10.0.0.0/8}) of the reverse
 * proxies whose {@code X-Forwarded-For} names the client; empty, the default, trusts none and
 * the TCP peer is the client
 */
@ConfigurationProperties("auth.client")
public record ClientProperties(@DefaultValue List<String> trustedProxies) {
}
