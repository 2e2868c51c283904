package dev.authserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every link between the README and the documents under {@code docs/} resolves: to a file of
 * the repository and, where it names one, to a heading in it (GitHub's anchors).
 */
class DocsLinksTest {

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

	private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+)$", Pattern.MULTILINE);

	@Test
	void linksWhenFollowedThenEveryFileAndHeadingExists() throws IOException {
		List<Path> documents = new ArrayList<>(List.of(Path.of("README.md")));
		try (Stream<Path> docs = Files.list(Path.of("docs"))) {
			docs.filter((file) -> file.toString().endsWith(".md")).forEach(documents::add);
		}
		List<String> broken = new ArrayList<>();
		int followed = 0;
		for (Path document : documents) {
			Matcher links = LINK.matcher(Files.readString(document));
			while (links.find()) {
				String target = links.group(1);
				if (target.matches("^[a-z]+:.*")) {
					continue;
				}
				followed++;
				String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
				String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
				Path resolved = file.isEmpty() ? document : document.resolveSibling(file).normalize();
				if (!Files.exists(resolved)) {
					broken.add(document + ": " + target);
				}
				else if (anchor != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
					broken.add(document + ": " + target + " (no such heading)");
				}
			}
		}
		assertThat(followed).isGreaterThan(10);
		assertThat(broken).isEmpty();
	}

	@Test
	void readmeWhenMeasuredThenUnderFifteenKilobytes() throws IOException {
		assertThat(Files.size(Path.of("README.md"))).isLessThan(15 * 1024);
	}

	/** GitHub's anchor of each heading: lower case, punctuation dropped, spaces as hyphens. */
	private static List<String> anchors(Path document) throws IOException {
		List<String> anchors = new ArrayList<>();
		Matcher headings = HEADING.matcher(Files.readString(document));
		while (headings.find()) {
			anchors.add(headings.group(1)
				.strip()
				.toLowerCase(Locale.ROOT)
				.replaceAll("[^\\p{L}\\p{N} _-]", "")
				.replace(' ', '-'));
		}
		return anchors;
	}

}
