package dev.authserver.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.authserver.support.DefaultDatabaseUrl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The H2 file while the server writes to it (docs/operations.md), on the default URL: every
 * commit writes a chunk of its own, and a chunk keeps its place in the file as long as one of
 * its pages is live. The same writes run twice, without and with the compaction; H2 keeps each
 * chunk for {@code RETENTION_TIME} after it is written (45 s by default, 1 s here, so that the
 * test sees many rounds in seconds).
 */
class H2CompactionTest {

	private static final int LOGINS = 6_000;

	private static final int LOGINS_PER_SECOND = 600;

	@Test
	void whileLoginsGoOnTheFileStopsGrowingWithThem(@TempDir Path dir) throws Exception {
		long without = growthOverSecondHalf(dir.resolve("without"), false);
		assertThat(without).as("growth without the compaction").isGreaterThan(8L << 20);
		long with = growthOverSecondHalf(dir.resolve("with"), true);
		assertThat(with).as("growth with the compaction, %d bytes without it", without).isLessThan(without / 4);
	}

	@Test
	void onlyAnH2UrlOfAFileThisProcessOpensIsEmbedded() throws Exception {
		assertThat(H2Compaction.isEmbeddedFile(DefaultDatabaseUrl.in(Path.of("data")))).isTrue();
		assertThat(H2Compaction.isEmbeddedFile("jdbc:h2:~/auth")).isTrue();
		assertThat(H2Compaction.isEmbeddedFile("jdbc:h2:/var/lib/auth/auth;WRITE_DELAY=0")).isTrue();
		assertThat(H2Compaction.isEmbeddedFile("jdbc:h2:mem:auth")).isFalse();
		assertThat(H2Compaction.isEmbeddedFile("jdbc:h2:tcp://db:9092/auth")).isFalse();
		assertThat(H2Compaction.isEmbeddedFile("jdbc:h2:ssl://db:9092/auth")).isFalse();
		assertThat(H2Compaction.isEmbeddedFile("jdbc:postgresql://db:5432/auth")).isFalse();
		assertThat(H2Compaction.isEmbeddedFile(null)).isFalse();
	}

	@Test
	void onAnH2DatabaseInMemoryTheRoundsStop() throws Exception {
		try (HikariDataSource pool = pool("jdbc:h2:mem:compaction;DB_CLOSE_DELAY=-1")) {
			try (Connection connection = pool.getConnection()) {
				assertThat(H2Compaction.embeddedFile(connection)).isNull();
			}
			try (H2Compaction compaction = new H2Compaction(pool, Duration.ofMillis(50))) {
				Thread.sleep(500);
				assertThat(compaction.running()).isFalse();
			}
		}
	}

	/**
	 * Logins as the server writes them, a lockout try committed, then its settle and a session;
	 * returns how much the file grew over the second half of them.
	 */
	private static long growthOverSecondHalf(Path dir, boolean compacting) throws Exception {
		Path file = dir.resolve("auth.mv.db");
		long halfway = 0;
		String url = DefaultDatabaseUrl.in(dir) + ";RETENTION_TIME=1000";
		try (HikariDataSource pool = pool(url)) {
			H2Compaction compaction = compacting ? new H2Compaction(pool, Duration.ofMillis(200)) : null;
			try (Connection connection = pool.getConnection()) {
				assertThat(H2Compaction.embeddedFile(connection)).isNotNull();
				try (Statement statement = connection.createStatement()) {
					statement.execute("CREATE TABLE tries (username VARCHAR(100) PRIMARY KEY, n INT NOT NULL)");
					statement.execute("CREATE TABLE sessions (id UUID PRIMARY KEY, username VARCHAR(100) NOT NULL, "
							+ "token VARCHAR(300) NOT NULL)");
				}
				connection.setAutoCommit(false);
				try (PreparedStatement reserve = connection.prepareStatement("INSERT INTO tries VALUES (?, 1)");
						PreparedStatement settle = connection.prepareStatement("DELETE FROM tries WHERE username = ?");
						PreparedStatement start = connection.prepareStatement("INSERT INTO sessions VALUES (?, ?, ?)")) {
					long began = System.nanoTime();
					for (int i = 0; i < LOGINS; i++) {
						long due = began + i * 1_000_000_000L / LOGINS_PER_SECOND;
						long wait = due - System.nanoTime();
						if (wait > 0) {
							Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
						}
						String username = "user-" + (i % 200);
						reserve.setString(1, username);
						reserve.execute();
						connection.commit();
						settle.setString(1, username);
						settle.execute();
						start.setObject(1, UUID.randomUUID());
						start.setString(2, username);
						start.setString(3, "t".repeat(300));
						start.execute();
						connection.commit();
						if (i + 1 == LOGINS / 2) {
							halfway = Files.size(file);
						}
					}
				}
				connection.setAutoCommit(true);
			}
			finally {
				if (compaction != null) {
					compaction.close();
				}
			}
			return Files.size(file) - halfway;
		}
	}

	private static HikariDataSource pool(String url) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(url);
		pool.setUsername("sa");
		pool.setPassword("");
		pool.setMaximumPoolSize(2);
		return pool;
	}

}
