package dev.authserver.user;

import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.authserver.audit.SecurityEvents;
import dev.authserver.audit.SecurityEvents.Event;
import dev.authserver.security.AuthenticatedUser;
import dev.authserver.throttle.LoginLockout;

/** The caller's own account, read from the access token's claims alone: no database. */
@RestController
@RequestMapping("/api/me")
class MeController {

	private final UserService users;

	private final SecurityEvents events;

	private final LoginLockout lockout;

	MeController(UserService users, SecurityEvents events, LoginLockout lockout) {
		this.users = users;
		this.events = events;
		this.lockout = lockout;
	}

	@GetMapping
	Me me(@AuthenticationPrincipal AuthenticatedUser user) {
		return new Me(user.id(), user.username(), user.roles());
	}

	// a body of JSON only, as the auth endpoints take: any other type gets 415 before the body is read
	@PutMapping(path = "/password", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Void> changePassword(@AuthenticationPrincipal AuthenticatedUser user,
			@Valid @RequestBody ChangePasswordRequest request, HttpServletRequest http) {
		// a wrong current password counts toward the same lockout as a failed login
		LoginLockout.Attempt attempt = this.lockout.reserve(user.username());
		boolean settled = false;
		try {
			this.users.changePassword(user.id(), user.sessionId(), request.currentPassword(), request.newPassword());
			attempt.succeeded();
			settled = true;
		}
		catch (InvalidCredentialsException ex) {
			attempt.failed();
			settled = true;
			this.events.failure(Event.PASSWORD_CHANGE, user.id(), http.getRemoteAddr());
			throw ex;
		}
		finally {
			if (!settled) {
				attempt.cancelled();
			}
		}
		this.events.success(Event.PASSWORD_CHANGE, user.id(), http.getRemoteAddr());
		return ResponseEntity.noContent().build();
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
