package dev.authserver.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The H2 URL a user gets, read from the server's own application.properties, pointed at a folder of the test's. */
public final class DefaultDatabaseUrl {

	private DefaultDatabaseUrl() {
	}

	/** The default {@code spring.datasource.url}, its database at {@code dir/auth} instead of {@code ./data/auth}. */
	public static String in(Path dir) {
		Properties properties = new Properties();
		try (InputStream in = DefaultDatabaseUrl.class.getResourceAsStream("/application.properties")) {
			properties.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		String url = properties.getProperty("spring.datasource.url");
		assertThat(url).startsWith("jdbc:h2:file:./data/auth;");
		return url.replace("./data/auth", dir.resolve("auth").toString());
	}

}
