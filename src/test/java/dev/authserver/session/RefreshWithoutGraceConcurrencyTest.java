package dev.authserver.session;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.authserver.support.Api;
import dev.authserver.support.Api.Tokens;
import dev.authserver.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the reuse grace at {@code 0s}, of fifty concurrent refreshes of one token exactly
 * one succeeds (docs/sessions.md); the others are reuse.
 */
@IntegrationTest
@TestPropertySource(properties = "auth.jwt.refresh-reuse-grace=0s")
class RefreshWithoutGraceConcurrencyTest {

	@Autowired
	Api api;

	@Test
	void refreshWhenFiftyConcurrentWithoutGraceThenExactlyOneSucceeds() throws Exception {
		Tokens tokens = this.api.signup();
		List<MvcTestResult> results = RefreshConcurrencyTest.refreshConcurrently(this.api, tokens.refreshToken());

		long ok = results.stream().filter((result) -> result.getResponse().getStatus() == 200).count();
		long refused = results.stream().filter((result) -> result.getResponse().getStatus() == 401).count();
		System.out.printf("grace 0s: %d concurrent refreshes, %d answered 200, %d answered 401%n", results.size(), ok,
				refused);
		assertThat(ok).isEqualTo(1);
		assertThat(refused).isEqualTo(RefreshConcurrencyTest.CLIENTS - 1);
	}

	@Test
	void refreshWhenRepeatedWithoutGraceThenReuseEndsSession() {
		Tokens tokens = this.api.signup();
		Tokens next = Tokens.of(this.api.refresh(tokens.refreshToken()));
		assertThat(this.api.refresh(tokens.refreshToken())).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.api.refresh(next.refreshToken())).hasStatus(HttpStatus.UNAUTHORIZED);
	}

}
