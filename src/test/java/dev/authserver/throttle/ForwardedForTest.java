package dev.authserver.throttle;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import dev.authserver.support.Api;
import dev.authserver.support.Instances;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code X-Forwarded-For} over real HTTP: ignored by default, also on a platform where Spring
 * Boot would trust it from any private-range peer, and honoured only from the proxies the
 * operator lists.
 */
class ForwardedForTest {

	@Test
	void signupWhenOnKubernetesAndNoTrustedProxyThenForwardedForIgnored() throws Exception {
		try (ConfigurableApplicationContext server = Instances.start(List.of("spring.main.cloud-platform=kubernetes",
				"spring.datasource.url=jdbc:h2:mem:forwarded-" + System.nanoTime()))) {
			assertThat(clientIpsOfSignup(server, "203.0.113.7")).containsOnly("127.0.0.1");
		}
	}

	@Test
	void signupWhenPeerIsTrustedProxyThenForwardedClientStored() throws Exception {
		try (ConfigurableApplicationContext server = Instances.start(List.of("auth.client.trusted-proxies=127.0.0.1",
				"spring.datasource.url=jdbc:h2:mem:forwarded-" + System.nanoTime()))) {
			// the right-most address the trusted proxy did not add itself is the client
			assertThat(clientIpsOfSignup(server, "192.0.2.1, 203.0.113.7")).containsOnly("203.0.113.7");
			// what the proxy forwards must be an address: anything else falls back to the peer
			assertThat(clientIpsOfSignup(server, "not-an-address")).containsOnly("127.0.0.1");
		}
	}

	private static List<String> clientIpsOfSignup(ConfigurableApplicationContext server, String forwardedFor)
			throws Exception {
		HttpResponse<String> signup = Instances.postWithHeaders(server, "/api/auth/signup",
				"{\"username\":\"" + Api.uniqueUsername() + "\",\"password\":\"" + Api.PASSWORD + "\"}",
				Map.of("X-Forwarded-For", forwardedFor));
		assertThat(signup.statusCode()).isEqualTo(201);
		String access = JsonPath.read(signup.body(), "$.access_token");
		return JsonPath.read(Instances.get(server, "/api/me/sessions", access).body(), "$..client_ip");
	}

}
