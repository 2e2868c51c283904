package dev.authserver.bench.twin;

import java.util.List;
import java.util.UUID;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The permit-all twin of {@code GET /api/me} that bench/run.sh measures it against: the
 * same filter chain, controller and JSON writer, a body of the same size, but no token.
 * It exists in the {@code bench} profile only.
 */
@Profile("bench")
@RestController
class TwinController {

	private final TwinProperties properties;

	TwinController(TwinProperties properties) {
		this.properties = properties;
	}

	// the same fields as /api/me: a UUID is always 36 characters, so username and roles fix the size
	@GetMapping("/bench/me")
	Me me() {
		return new Me(this.properties.id(), this.properties.username(), this.properties.roles());
	}

	/**
	 * Body of {@code GET /bench/me}, shaped as the body of {@code GET /api/me}.
	 *
	 * @param id any user id
	 * @param username the bench user's name
	 * @param roles the bench user's roles
	 */
	record Me(UUID id, String username, List<String> roles) {
	}

}
