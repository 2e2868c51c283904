package dev.authserver.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.authserver.support.DefaultDatabaseUrl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default database URL against H2 itself (docs/operations.md): with {@code WRITE_DELAY=0}
 * each commit is a chunk of its own and H2 rewrites no partly used chunk while it runs, so the
 * file grows with the writes; the close that ends the server compacts it to what it holds. With
 * H2's own 0.2 s for that close, a file holding this test's 11 MB of rows stays as large as it was.
 */
class H2FileCompactionTest {

	private static final int ROWS = 20_000;

	private static final int COMMITS = 3_000;

	@Test
	void whenTheDatabaseClosesThenItsFileShrinksToWhatItHolds(@TempDir Path dir) throws Exception {
		String url = DefaultDatabaseUrl.in(dir);
		Path file = dir.resolve("auth.mv.db");
		long sizeWhileOpen;
		try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE counters (id UUID PRIMARY KEY, n INT NOT NULL, note VARCHAR(500))");
			}
			// rows enough that compacting them takes more than the one pass H2 always finishes
			UUID[] ids = new UUID[ROWS];
			connection.setAutoCommit(false);
			try (PreparedStatement insert = connection.prepareStatement("INSERT INTO counters VALUES (?, 0, ?)")) {
				for (int i = 0; i < ROWS; i++) {
					ids[i] = UUID.randomUUID();
					insert.setObject(1, ids[i]);
					insert.setString(2, "n".repeat(500));
					insert.execute();
				}
			}
			connection.commit();
			connection.setAutoCommit(true);
			Random random = new Random(15);
			try (PreparedStatement update = connection.prepareStatement("UPDATE counters SET n = n + 1 WHERE id = ?")) {
				for (int i = 0; i < COMMITS; i++) {
					update.setObject(1, ids[random.nextInt(ROWS)]);
					update.execute();
				}
			}
			sizeWhileOpen = Files.size(file);
		}
		// the last connection closed: the database closes as it does when the server's pool closes
		assertThat(sizeWhileOpen).as("file after %d commits", COMMITS).isGreaterThan(64L << 20);
		assertThat(Files.size(file)).as("file after the close, %d bytes before it", sizeWhileOpen)
			.isLessThan(sizeWhileOpen / 4);
	}

}
