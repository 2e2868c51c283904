package dev.authserver.session;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.authserver.support.Api;
import dev.authserver.support.EmbeddedPostgresSupport;
import dev.authserver.support.Instances;
import dev.authserver.support.ShiftedClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every instance applies every revocation, whatever the clock of the instance that wrote it
 * and however late its transaction commits: two instances on one PostgreSQL, each with a
 * clock of its own that the tests shift.
 */
class RevocationOrderTest {

	private static final Duration WRITER_BEHIND = Duration.ofMinutes(2);

	private static final ShiftedClock writerClock = new ShiftedClock(Duration.ZERO);

	private static final ShiftedClock readerClock = new ShiftedClock(Duration.ZERO);

	private static ConfigurableApplicationContext writer;

	private static ConfigurableApplicationContext reader;

	@BeforeAll
	static void startTwoInstancesOnOneDatabase() {
		List<String> database = EmbeddedPostgresSupport.datasourceProperties(EmbeddedPostgresSupport.newDatabaseUrl());
		writer = Instances.start(database, writerClock);
		reader = Instances.start(database, readerClock);
	}

	@AfterAll
	static void stop() {
		Instances.close(writer, reader);
	}

	@Test
	void disableWhenWritersClockBehindThenOtherInstanceRefusesTokenWithinFiveSeconds() throws Exception {
		String username = Api.uniqueUsername();
		String access = accessTokenFromSignup(reader, username);
		assertThat(Instances.get(reader, "/api/me", access).statusCode()).isEqualTo(200);

		writerClock.shift(WRITER_BEHIND.negated());
		try {
			disableOnWriter(username);
		}
		finally {
			writerClock.shift(WRITER_BEHIND);
		}

		assertThat(statusWithinFiveSeconds(reader, access)).isEqualTo(401);
	}

	@Test
	void revokeWhenTransactionCommitsLateThenOtherInstanceStillApplies() throws Exception {
		String access = accessTokenFromSignup(reader, Api.uniqueUsername());
		UUID userId = UUID.fromString(JsonPath.read(Instances.get(reader, "/api/me", access).body(), "$.id"));
		SessionService sessions = writer.getBean(SessionService.class);
		TransactionTemplate transaction = new TransactionTemplate(writer.getBean(PlatformTransactionManager.class));
		CountDownLatch revoked = new CountDownLatch(1);
		CountDownLatch commit = new CountDownLatch(1);
		ExecutorService thread = Executors.newSingleThreadExecutor();
		try {
			Future<?> late = thread.submit(() -> transaction.executeWithoutResult((status) -> {
				sessions.revokeUser(userId, null);
				revoked.countDown();
				try {
					commit.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}));
			assertThat(revoked.await(10, TimeUnit.SECONDS)).isTrue();
			// revocations that start later commit first, and the reader polls past them
			String otherUsername = Api.uniqueUsername();
			String other = accessTokenFromSignup(reader, otherUsername);
			disableOnWriter(otherUsername);
			assertThat(statusWithinFiveSeconds(reader, other)).isEqualTo(401);
			readerClock.shift(Duration.ofMinutes(2));
			// a poll of the reader past the later revocations, by its shifted clock
			reader.getBean(AccessTokenRevocations.class).poll();
			assertThat(Instances.get(reader, "/api/me", access).statusCode()).isEqualTo(200);

			commit.countDown();
			late.get(10, TimeUnit.SECONDS);
			assertThat(statusWithinFiveSeconds(reader, access)).isEqualTo(401);
		}
		finally {
			commit.countDown();
			thread.shutdownNow();
			readerClock.shift(Duration.ofMinutes(-2));
		}
	}

	/**
	 * The writer's clock is too far behind to accept the reader's tokens, so it revokes as an
	 * administrator signed in on itself.
	 */
	private static void disableOnWriter(String username) throws Exception {
		HttpResponse<String> login = Instances.postWithHeaders(writer, "/api/auth/login",
				"{\"username\":\"admin\",\"password\":\"admin-password-for-tests\"}", java.util.Map.of());
		String admin = JsonPath.read(login.body(), "$.access_token");
		assertThat(Instances.put(writer, "/api/admin/users/" + username + "/enabled", admin, "{\"enabled\":false}")
			.statusCode()).isEqualTo(200);
	}

	private static String accessTokenFromSignup(ConfigurableApplicationContext instance, String username)
			throws Exception {
		HttpResponse<String> signup = Instances.postWithHeaders(instance, "/api/auth/signup",
				"{\"username\":\"" + username + "\",\"password\":\"" + Api.PASSWORD + "\"}",
				java.util.Map.of());
		assertThat(signup.statusCode()).isEqualTo(201);
		return JsonPath.read(signup.body(), "$.access_token");
	}

	/** Asks {@code GET /api/me} until it is refused or five seconds have passed; the last status. */
	private static int statusWithinFiveSeconds(ConfigurableApplicationContext instance, String access)
			throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		int status = Instances.get(instance, "/api/me", access).statusCode();
		while (status == 200 && System.nanoTime() < deadline) {
			Thread.sleep(50);
			status = Instances.get(instance, "/api/me", access).statusCode();
		}
		return status;
	}

}
