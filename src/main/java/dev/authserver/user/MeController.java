package dev.authserver.user;

import java.util.List;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.authserver.security.AuthenticatedUser;

/** The caller's own account, read from the access token's claims alone: no database. */
@RestController
@RequestMapping("/api/me")
class MeController {

	@GetMapping
	Me me(@AuthenticationPrincipal AuthenticatedUser user) {
		return new Me(user.id(), user.username(), user.roles());
	}

	/**
	 * Body of {@code GET /api/me}.
	 *
	 * @param id {@code sub}
	 * @param username {@code preferred_username}
	 * @param roles {@code roles}
	 */
	record Me(UUID id, String username, List<String> roles) {
	}

}
