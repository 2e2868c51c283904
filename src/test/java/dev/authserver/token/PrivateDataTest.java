package dev.authserver.token;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.authserver.AuthServerApplication;
import dev.authserver.support.Api;
import dev.authserver.support.Instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What the server keeps on disk is its owner's alone: the data folder is 700 and every file
 * in it 600, a key file others can read stops the start, and failed-login counts never hold
 * the text typed as a username.
 */
@ExtendWith(OutputCaptureExtension.class)
class PrivateDataTest {

	@TempDir
	Path home;

	@Test
	void startWhenDataFolderNewThenFolderOwnerOnlyAndEveryFileToo() throws IOException {
		Path data = this.home.resolve("data");
		try (ConfigurableApplicationContext context = start(data)) {
			assertThat(permissions(data)).isEqualTo("rwx------");
			try (Stream<Path> files = Files.list(data)) {
				List<Path> all = files.toList();
				assertThat(all).extracting((file) -> file.getFileName().toString())
					.contains("jwt-signing.key", "auth.mv.db");
				assertThat(all).allSatisfy((file) -> assertThat(permissions(file)).as(file.toString())
					.isEqualTo("rw-------"));
			}
		}
	}

	@Test
	void startWhenDataFolderOpenToOthersThenClosed() throws IOException {
		Path data = Files.createDirectories(this.home.resolve("data"));
		Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
		try (ConfigurableApplicationContext context = start(data)) {
			assertThat(permissions(data)).isEqualTo("rwx------");
		}
	}

	@Test
	void startWhenKeyFileReadableByOthersThenStopsNamingIt(CapturedOutput output) throws IOException {
		Path data = this.home.resolve("data");
		start(data).close();
		Path key = data.resolve("jwt-signing.key");
		Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
		assertThatException().isThrownBy(() -> start(data).close());
		assertThat(output).contains("auth.jwt.key-file").contains("readable by others");
		assertThat(output).doesNotContain(Files.readString(key).strip());
	}

	@Test
	void loginWhenFailedThenTypedUsernameNotStored() throws Exception {
		Path data = this.home.resolve("data");
		String typed = "Secret-Typo-" + System.nanoTime();
		try (ConfigurableApplicationContext context = start(data)) {
			var response = Instances.postWithHeaders(context, "/api/auth/login",
					"{\"username\":\"" + typed + "\",\"password\":\"" + Api.PASSWORD + "\"}", java.util.Map.of());
			assertThat(response.statusCode()).isEqualTo(401);
			List<String> keys = context.getBean(JdbcTemplate.class)
				.queryForList("select username_key from login_failures", String.class);
			assertThat(keys).hasSize(1);
			assertThat(keys.get(0)).doesNotContainIgnoringCase(typed).doesNotContainIgnoringCase("secret-typo");
		}
	}

	private static ConfigurableApplicationContext start(Path data) {
		return SpringApplication.run(AuthServerApplication.class,
				"--spring.datasource.url=jdbc:h2:file:" + data.resolve("auth") + ";WRITE_DELAY=0",
				"--auth.jwt.key-file=" + data.resolve("jwt-signing.key"), "--server.port=0",
				"--server.address=127.0.0.1", "--auth.admin.password=admin-password-for-tests",
				"--spring.main.banner-mode=off", "--logging.level.root=WARN");
	}

	private static String permissions(Path path) {
		try {
			return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
