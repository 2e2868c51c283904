package dev.authserver.throttle;

import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.authserver.support.Api;
import dev.authserver.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The address the rate limit counts and a session records is one the client cannot choose:
 * the TCP peer, with {@code X-Forwarded-For} ignored unless it comes from a configured proxy;
 * IPv6 clients share one budget per /64; and each username has a budget of its own.
 */
@IntegrationTest
@TestPropertySource(properties = { "auth.login.rate-limit-per-minute=20", "auth.login.max-failures=1000" })
class ClientAddressTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Api api;

	@Test
	void attemptsWhenFromManyAddressesOfOneIpv6SlashSixtyFourThenOneBudget() {
		int accepted = 0;
		for (int i = 1; i <= 21; i++) {
			MvcTestResult result = login("nobody-" + i, "2001:db8:0:7::" + Integer.toHexString(i), null);
			if (result.getResponse().getStatus() != 429) {
				accepted++;
			}
		}
		assertThat(accepted).isEqualTo(20);
		// the next /64 has a budget of its own
		assertThat(login("nobody", "2001:db8:0:8::1", null)).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void attemptsWhenForwardedForVariesWithoutTrustedProxyThenPeerCountsAndIsStored() {
		String peer = "10.7.0.1";
		int accepted = 0;
		for (int i = 1; i <= 21; i++) {
			MvcTestResult result = login("nobody-" + i, peer, "198.51.100." + i);
			if (result.getResponse().getStatus() != 429) {
				accepted++;
			}
		}
		assertThat(accepted).isEqualTo(20);
		Api.Tokens tokens = signupFrom("10.7.0.2", "203.0.113.9");
		String sessions = Api.body(this.api.get("/api/me/sessions", tokens.accessToken()));
		assertThat(JsonPath.<List<String>>read(sessions, "$..client_ip")).containsOnly("10.7.0.2");
	}

	@Test
	void loginWhenOneUsernameFromManyAddressesThenUsernameBudgetRefuses() {
		String username = Api.uniqueUsername();
		int accepted = 0;
		for (int i = 1; i <= 21; i++) {
			if (login(username, "10.8.0." + i, null).getResponse().getStatus() != 429) {
				accepted++;
			}
		}
		assertThat(accepted).isEqualTo(20);
		// another username from a fresh address is not held back
		assertThat(login(Api.uniqueUsername(), "10.8.1.1", null)).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void sessionWhenIpv6PeerThenStoredInCanonicalForm() {
		Api.Tokens tokens = signupFrom("2001:DB8:0:0:0:0:0:1", null);
		String sessions = Api.body(this.api.get("/api/me/sessions", tokens.accessToken()));
		assertThat(JsonPath.<List<String>>read(sessions, "$..client_ip")).containsOnly("2001:db8::1");
	}

	private Api.Tokens signupFrom(String peer, String forwardedFor) {
		MvcTestResult result = post("/api/auth/signup",
				"{\"username\":\"" + Api.uniqueUsername() + "\",\"password\":\"" + Api.PASSWORD + "\"}", peer,
				forwardedFor);
		assertThat(result).hasStatus(HttpStatus.CREATED);
		return Api.Tokens.of(result);
	}

	private MvcTestResult login(String username, String peer, String forwardedFor) {
		return post("/api/auth/login", "{\"username\":\"" + username + "\",\"password\":\"not the password at all\"}",
				peer, forwardedFor);
	}

	private MvcTestResult post(String path, String json, String peer, String forwardedFor) {
		return this.mvc.post().uri(path).with((request) -> {
			request.setRemoteAddr(peer);
			if (forwardedFor != null) {
				request.addHeader("X-Forwarded-For", forwardedFor);
			}
			return request;
		}).contentType(MediaType.APPLICATION_JSON).content(json).exchange();
	}

}
