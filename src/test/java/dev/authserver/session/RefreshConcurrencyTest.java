package dev.authserver.session;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.authserver.support.Api;
import dev.authserver.support.Api.Tokens;
import dev.authserver.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fifty clients refresh one token at the same moment (docs/sessions.md): within the reuse
 * grace they all get the same next token and the session stays one chain.
 */
@IntegrationTest
class RefreshConcurrencyTest {

	static final int CLIENTS = 50;

	@Autowired
	Api api;

	@Test
	void refreshWhenFiftyConcurrentWithinGraceThenAllGetTheSameNextToken() throws Exception {
		Tokens tokens = this.api.signup();
		List<MvcTestResult> results = refreshConcurrently(this.api, tokens.refreshToken());

		Set<String> nextTokens = new HashSet<>();
		for (MvcTestResult result : results) {
			assertThat(result.getResponse().getStatus()).isEqualTo(200);
			nextTokens.add(JsonPath.read(Api.body(result), "$.refresh_token"));
		}
		System.out.printf("grace 5s: %d concurrent refreshes, %d answered 200, %d distinct next refresh tokens%n",
				results.size(), results.size(), nextTokens.size());
		assertThat(nextTokens).hasSize(1);
		// one chain: the shared next token rotates on
		assertThat(this.api.refresh(nextTokens.iterator().next())).hasStatusOk();
	}

	/** Starts all refreshes behind one latch, so that they reach the server together. */
	static List<MvcTestResult> refreshConcurrently(Api api, String refreshToken) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<MvcTestResult>> futures = new ArrayList<>();
			for (int i = 0; i < CLIENTS; i++) {
				futures.add(pool.submit(() -> {
					start.await();
					return api.refresh(refreshToken);
				}));
			}
			start.countDown();
			List<MvcTestResult> results = new ArrayList<>();
			for (Future<MvcTestResult> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
