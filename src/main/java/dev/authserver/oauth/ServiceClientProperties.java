package dev.authserver.oauth;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The service clients: other services that call introspection with their own credential
 * (docs/tokens.md). None by default, and then introspection answers 401 to everyone.
 *
 * @param services each client's id and secret, as {@code auth.services[n].id} and
 * {@code auth.services[n].secret}
 */
@ConfigurationProperties("auth")
public record ServiceClientProperties(@DefaultValue List<Service> services) {

	/**
	 * One service client.
	 *
	 * @param id its client id, as it authenticates with HTTP Basic
	 * @param secret its secret
	 */
	public record Service(String id, String secret) {

		@Override
		public String toString() {
			return "Service[id=" + this.id + ", secret=<redacted>]";
		}

	}

}
