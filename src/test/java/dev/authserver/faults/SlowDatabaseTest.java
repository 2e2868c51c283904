package dev.authserver.faults;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import dev.authserver.support.Api;
import dev.authserver.support.Instances;
import dev.authserver.support.StoppablePostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database whose statements hang (a table locked by someone else) costs each request that
 * needs it a bounded wait and a clear 503, never the request threads: thirty logins at once
 * are all answered within a few seconds while {@code /api/me} keeps answering at once.
 */
class SlowDatabaseTest {

	@Test
	void loginWhenStatementsHangThenBounded503sAndMeUnaffected() throws Exception {
		try (StoppablePostgres postgres = StoppablePostgres.start()) {
			List<String> properties = new ArrayList<>(postgres.datasourceProperties());
			properties.add("spring.profiles.active=postgres");
			properties.add("server.tomcat.threads.max=20");
			ConfigurableApplicationContext server = Instances.start(properties);
			ExecutorService clients = Executors.newFixedThreadPool(30);
			try (Connection locker = postgres.superuserConnection(); Statement lock = locker.createStatement()) {
				String username = Api.uniqueUsername();
				String signup = DatabaseOutageTest.post(server, "/api/auth/signup",
						"{\"username\":\"" + username + "\",\"password\":\"" + Api.PASSWORD + "\"}").body();
				String access = JsonPath.read(signup, "$.access_token");

				locker.setAutoCommit(false);
				lock.execute("lock table sessions, login_failures in access exclusive mode");
				List<Future<long[]>> logins = new ArrayList<>();
				for (int i = 0; i < 30; i++) {
					Callable<long[]> login = () -> {
						long began = System.nanoTime();
						HttpResponse<String> response = DatabaseOutageTest.post(server, "/api/auth/login",
								"{\"username\":\"" + username + "\",\"password\":\"" + Api.PASSWORD + "\"}");
						return new long[] { response.statusCode(), (System.nanoTime() - began) / 1_000_000 };
					};
					logins.add(clients.submit(login));
				}
				long slowestMe = 0;
				for (int i = 0; i < 20; i++) {
					long began = System.nanoTime();
					assertThat(DatabaseOutageTest.status(server, "/api/me", access)).isEqualTo(200);
					slowestMe = Math.max(slowestMe, (System.nanoTime() - began) / 1_000_000);
					Thread.sleep(100);
				}
				List<Long> statuses = new ArrayList<>();
				long slowestLogin = 0;
				for (Future<long[]> login : logins) {
					long[] answer = login.get();
					statuses.add(answer[0]);
					slowestLogin = Math.max(slowestLogin, answer[1]);
				}
				locker.rollback();
				System.out.println("30 logins against locked tables: statuses " + statuses + ", the slowest after "
						+ slowestLogin + " ms; /api/me meanwhile at most " + slowestMe + " ms");
				assertThat(statuses).allMatch((status) -> status == 503 || status == 429);
				assertThat(statuses).contains(503L);
				assertThat(slowestLogin).isLessThan(15_000);
				assertThat(slowestMe).isLessThan(2000);
				// once the lock is gone, logins work again
				assertThat(DatabaseOutageTest.post(server, "/api/auth/login",
						"{\"username\":\"" + username + "\",\"password\":\"" + Api.PASSWORD + "\"}").statusCode())
					.isEqualTo(200);
			}
			finally {
				clients.shutdownNow();
				Instances.close(server);
			}
		}
	}

}
