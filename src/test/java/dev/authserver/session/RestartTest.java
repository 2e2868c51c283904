package dev.authserver.session;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import dev.authserver.support.EmbeddedPostgresSupport;
import dev.authserver.support.Instances;

import static org.assertj.core.api.Assertions.assertThat;

/** Users and sessions survive a restart, on the H2 file default and on PostgreSQL. */
class RestartTest {

	@Test
	void restartOnH2FileThenAccountsAndRefreshTokensSurvive(@TempDir Path dir) throws Exception {
		String url = "jdbc:h2:file:" + dir.resolve("auth").toAbsolutePath() + ";WRITE_DELAY=0";
		assertSurvivesRestart(List.of("spring.datasource.url=" + url));
	}

	@Test
	void restartOnPostgresThenAccountsAndRefreshTokensSurvive() throws Exception {
		assertSurvivesRestart(EmbeddedPostgresSupport.datasourceProperties(EmbeddedPostgresSupport.newDatabaseUrl()));
	}

	private static void assertSurvivesRestart(List<String> database) throws Exception {
		String username = "restart-" + System.nanoTime();
		String refreshToken;
		try (ConfigurableApplicationContext before = Instances.start(database)) {
			HttpResponse<String> signup = Instances.post(before, "/api/auth/signup", null,
					"{\"username\":\"" + username + "\",\"password\":\"correct horse battery staple\"}");
			assertThat(signup.statusCode()).isEqualTo(201);
			refreshToken = JsonPath.read(signup.body(), "$.refresh_token");
		}
		try (ConfigurableApplicationContext after = Instances.start(database)) {
			HttpResponse<String> refresh = Instances.post(after, "/api/auth/refresh", null,
					"{\"refresh_token\":\"" + refreshToken + "\"}");
			assertThat(refresh.statusCode()).isEqualTo(200);
			HttpResponse<String> login = Instances.post(after, "/api/auth/login", null,
					"{\"username\":\"" + username + "\",\"password\":\"correct horse battery staple\"}");
			assertThat(login.statusCode()).isEqualTo(200);
		}
	}

}
