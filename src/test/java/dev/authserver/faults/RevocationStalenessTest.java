package dev.authserver.faults;

import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import dev.authserver.support.Api;
import dev.authserver.support.Instances;
import dev.authserver.support.StoppablePostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the database away, bearer tokens are accepted from memory only up to
 * {@code auth.sessions.max-revocation-staleness} after the last read of the revocation log; then
 * protected calls are 503 {@code revocations_stale}, never accepted blind, until a read succeeds
 * (docs/operations.md).
 */
class RevocationStalenessTest {

	@Test
	void meWhenRevocationsUnreadPastTheStalenessThen503UntilTheDatabaseIsBack() throws Exception {
		try (StoppablePostgres postgres = StoppablePostgres.start()) {
			List<String> properties = new ArrayList<>(postgres.datasourceProperties());
			properties.add("spring.profiles.active=postgres");
			properties.add("auth.sessions.max-revocation-staleness=3s");
			ConfigurableApplicationContext server = Instances.start(properties);
			try {
				String signup = DatabaseOutageTest.post(server, "/api/auth/signup",
						"{\"username\":\"" + Api.uniqueUsername() + "\",\"password\":\"" + Api.PASSWORD + "\"}").body();
				String access = JsonPath.read(signup, "$.access_token");
				assertThat(DatabaseOutageTest.status(server, "/api/me", access)).isEqualTo(200);

				long stoppedAt = System.nanoTime();
				postgres.stop();
				// from memory first, then refused once the revocations are over 3 s old
				int status = 200;
				while (status == 200 && System.nanoTime() - stoppedAt < 10_000_000_000L) {
					Thread.sleep(100);
					status = DatabaseOutageTest.status(server, "/api/me", access);
				}
				long staleAfterMillis = (System.nanoTime() - stoppedAt) / 1_000_000;
				System.out.println("/api/me refused as stale " + staleAfterMillis + " ms after the database stopped");
				assertThat(status).isEqualTo(503);
				assertThat(staleAfterMillis).isBetween(2000L, 6000L);
				java.net.http.HttpResponse<String> stale = java.net.http.HttpClient.newHttpClient()
					.send(java.net.http.HttpRequest.newBuilder(Instances.uri(server, "/api/me"))
						.header("Authorization", "Bearer " + access)
						.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
				assertThat((String) JsonPath.read(stale.body(), "$.code")).isEqualTo("revocations_stale");
				assertThat(stale.headers().firstValue("Retry-After")).isPresent();
				// a token that fails its checks is still 401: staleness never turns a refusal into a 503
				assertThat(DatabaseOutageTest.status(server, "/api/me", access + "x")).isEqualTo(401);

				postgres.restart();
				long restartedAt = System.nanoTime();
				while (DatabaseOutageTest.status(server, "/api/me", access) != 200) {
					assertThat(System.nanoTime() - restartedAt).isLessThan(5_000_000_000L);
					Thread.sleep(100);
				}
				System.out.println("/api/me accepted again " + (System.nanoTime() - restartedAt) / 1_000_000
						+ " ms after the database restarted");
			}
			finally {
				Instances.close(server);
			}
		}
	}

}
