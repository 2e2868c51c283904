package dev.authserver.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.authserver.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's files as the server hands them out (docs/browser.md): the page at
 * {@code /console} and {@code /console/}, its scripts and styles beside it, each with the
 * strict Content-Security-Policy; an unknown path is still a 404 problem; and the files
 * themselves hold nothing that policy would have to allow: no inline script or style, nothing
 * from another site, no token kept where script could find it later.
 */
@IntegrationTest
class ConsoleTest {

	static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

	private static final Path FILES = Path.of("src/main/resources/static/console");

	@Autowired
	MockMvcTester mvc;

	@Test
	void consoleWhenRequestedThenThePageUnderTheStrictPolicy() {
		for (String path : List.of("/console", "/console/")) {
			MvcTestResult result = this.mvc.get().uri(path).header("Accept", "text/html").exchange();
			assertThat(result).as(path).hasStatusOk().hasContentTypeCompatibleWith("text/html");
			assertThat(result).headers().hasValue("Content-Security-Policy", POLICY).hasValue("Cache-Control", "no-cache");
			assertThat(result).bodyText().contains("<script type=\"module\" src=\"/console/js/app.js\"></script>");
		}
	}

	@Test
	void filesWhenRequestedThenServedWithTheirTypesUnderThePolicy() {
		assertThat(this.mvc.get().uri("/console/js/app.js")).hasStatusOk()
			.hasContentTypeCompatibleWith("text/javascript")
			.headers()
			.hasValue("Content-Security-Policy", POLICY);
		assertThat(this.mvc.get().uri("/console/console.css")).hasStatusOk()
			.hasContentTypeCompatibleWith("text/css")
			.headers()
			.hasValue("Content-Security-Policy", POLICY);
	}

	@Test
	void unknownPathWhenRequestedThenStillNotFoundProblem() {
		for (String path : List.of("/console/missing.js", "/console/js/missing.js", "/consoles",
				"/does-not-exist", "/api/does-not-exist")) {
			MvcTestResult result = this.mvc.get().uri(path).exchange();
			assertThat(result).as(path).hasStatus(HttpStatus.NOT_FOUND).hasContentTypeCompatibleWith("application/problem+json");
			assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("not_found");
		}
	}

	@Test
	void openApiDescriptionWhenReadThenNoConsole() {
		assertThat(this.mvc.get().uri("/v3/api-docs")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.paths")
			.asMap()
			.doesNotContainKeys("/console", "/console/");
	}

	@Test
	void apiWhenCalledWithoutTokenThenStillUnauthorized() {
		assertThat(this.mvc.get().uri("/api/me")).hasStatus(HttpStatus.UNAUTHORIZED)
			.headers()
			.doesNotContainHeader("Content-Security-Policy");
	}

	@Test
	void filesWhenReadThenNoInlineScriptOrStyleNorOutsideResource() throws IOException {
		List<Path> files;
		try (Stream<Path> walk = Files.walk(FILES)) {
			files = walk.filter(Files::isRegularFile).toList();
		}
		assertThat(files).extracting((file) -> file.getFileName().toString())
			.contains("index.html", "console.css", "app.js", "api.js", "inspector.js", "events.js");
		for (Path file : files) {
			String text = Files.readString(file);
			// the SVG namespace is a name, not an address anything is fetched from
			String fetched = text.replace("http://www.w3.org/2000/svg", "");
			assertThat(fetched).as(file.toString()).doesNotContainPattern("(?i)(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}/")
				.doesNotContain("@import")
				.doesNotContainPattern("(?<![A-Za-z0-9])url\\(");
			if (file.toString().endsWith(".js")) {
				assertThat(text).as(file.toString())
					.doesNotContainPattern("localStorage\\s*[.\\[]|sessionStorage\\s*[.\\[]|document\\.cookie")
					.doesNotContain("innerHTML")
					.doesNotContain("eval(")
					.doesNotContain(".style.");
			}
		}
		String page = Files.readString(FILES.resolve("index.html"));
		assertThat(Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>").matcher(page).find()).as("inline script").isFalse();
		assertThat(page).doesNotContain("<style").doesNotContainPattern("\\sstyle=").doesNotContainPattern("\\son[a-z]+=");
	}

}
