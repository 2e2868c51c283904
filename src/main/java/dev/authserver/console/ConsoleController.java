package dev.authserver.console;

import java.nio.charset.StandardCharsets;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's page at {@code /console} and {@code /console/} (docs/browser.md); its scripts
 * and styles are static files beside it, which {@link ConsoleConfiguration} serves. A page, not
 * part of the API: the OpenAPI description leaves it out.
 */
@Hidden
@RestController
class ConsoleController {

	private static final Resource PAGE = new ClassPathResource(ConsoleConfiguration.LOCATION + "index.html");

	private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

	// the content type is set here: every other answer of the server is JSON whatever Accept says
	@GetMapping({ ConsoleConfiguration.PATH, ConsoleConfiguration.PATH + "/" })
	ResponseEntity<Resource> page() {
		return ResponseEntity.ok().contentType(HTML).cacheControl(CacheControl.noCache()).body(PAGE);
	}

}
