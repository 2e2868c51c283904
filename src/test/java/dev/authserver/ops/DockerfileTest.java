package dev.authserver.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Dockerfile (docs/operations.md): a multi-stage build with the wrapper, a JRE to run on, a
 * user that is not root, port 8080, a health check; and the settings and start-up cache it runs
 * with are the ones the benchmark measures (docs/performance.md).
 */
class DockerfileTest {

	private final List<String> lines = read(Path.of("Dockerfile"));

	@Test
	void imageWhenBuiltThenWrapperBuildsItAndAJreRunsItAsAnOrdinaryUser() {
		List<String> stages = this.lines.stream().filter((line) -> line.startsWith("FROM ")).toList();
		assertThat(stages).hasSizeGreaterThanOrEqualTo(2);
		assertThat(stages.get(stages.size() - 1)).matches("FROM \\S+-jre(\\s.*)?");
		assertThat(this.lines).anyMatch((line) -> line.startsWith("RUN ./mvnw "));

		List<String> users = this.lines.stream().filter((line) -> line.startsWith("USER ")).toList();
		assertThat(users).isNotEmpty();
		assertThat(users.get(users.size() - 1)).doesNotContain("root").isNotEqualTo("USER 0");
		assertThat(indexOf("USER ")).isLessThan(indexOf("ENTRYPOINT "));

		assertThat(this.lines).contains("EXPOSE 8080");
		assertThat(String.join("\n", this.lines)).contains("HEALTHCHECK").contains("/actuator/health");
	}

	@Test
	void imageWhenStartedThenWithTheBenchmarksSettingsAndTheCacheItsBuildTrained() throws IOException {
		String dockerfile = String.join("\n", this.lines);
		String options = group(dockerfile, "ENV JAVA_TOOL_OPTIONS=\"([^\"]+)\"");
		String benchDefault = group(Files.readString(Path.of("bench/run.sh")), "JVM_SETTINGS=\\$\\{BENCH_JAVA_OPTS:-([^}]+)}");
		assertThat(options).isEqualTo(benchDefault);

		String trained = group(dockerfile, "-XX:AOTCacheOutput=(\\S+)");
		String used = group(dockerfile, "\"-XX:AOTCache=([^\"]+)\"");
		assertThat(used).isEqualTo(trained);
		// the training runs with the runtime's settings: it comes after them
		assertThat(dockerfile.indexOf("ENV JAVA_TOOL_OPTIONS")).isLessThan(dockerfile.indexOf("-XX:AOTCacheOutput"));
	}

	private int indexOf(String prefix) {
		for (int i = this.lines.size() - 1; i >= 0; i--) {
			if (this.lines.get(i).startsWith(prefix)) {
				return i;
			}
		}
		return -1;
	}

	private static String group(String text, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(text);
		assertThat(matcher.find()).as("%s in the text", regex).isTrue();
		return matcher.group(1);
	}

	private static List<String> read(Path path) {
		try {
			return Files.readAllLines(path);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
