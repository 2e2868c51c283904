package dev.authserver.bench;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token benchmarks set up and verify as bench/run.sh runs them: a change to what they
 * build (a constructor they reach by reflection, say) fails here, not in the middle of a
 * benchmark run.
 */
class TokenVerificationBenchmarkTest {

	@ParameterizedTest
	@ValueSource(strings = { "HS256", "EdDSA", "ES256" })
	void everyBenchmarkWhenSetUpThenVerifiesTheToken(String algorithm) throws Exception {
		TokenVerificationBenchmark benchmark = new TokenVerificationBenchmark();
		benchmark.algorithm = algorithm;
		benchmark.setUp();

		assertThat(benchmark.hmacSha256()).hasSize(32);
		assertThat(benchmark.jjwtParseSignedClaims().getPayload().get("preferred_username")).isEqualTo("bench-user");
		// each returns whether the verified token is revoked: none is
		assertThat(benchmark.verifyFirst()).isFalse();
		assertThat(benchmark.verifyRepeated()).isFalse();
	}

}
