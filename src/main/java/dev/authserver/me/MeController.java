package dev.authserver.me;

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
import dev.authserver.throttle.LoginLockout;
import dev.authserver.token.TokenSubject;
import dev.authserver.user.InvalidCredentialsException;
import dev.authserver.user.UserService;
import dev.authserver.verification.AccessTokenClaims;

/** The caller's own account: who they are, from the access token's claims alone, and their password. */
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
	TokenSubject me(@AuthenticationPrincipal AccessTokenClaims caller) {
		return TokenSubject.of(caller);
	}

	// a body of JSON only, as the auth endpoints take: any other type gets 415 before the body is read
	@PutMapping(path = "/password", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Void> changePassword(@AuthenticationPrincipal AccessTokenClaims caller,
			@Valid @RequestBody ChangePasswordRequest request, HttpServletRequest http) {
		// a wrong current password counts toward the same lockout as a failed login
		LoginLockout.Attempt attempt = this.lockout.reserve(caller.username());
		boolean settled = false;
		try {
			this.users.changePassword(caller.userId(), caller.sessionId(), request.currentPassword(), request.newPassword());
			attempt.succeeded();
			settled = true;
		}
		catch (InvalidCredentialsException ex) {
			attempt.failed();
			settled = true;
			this.events.failure(Event.PASSWORD_CHANGE, caller.userId(), http.getRemoteAddr());
			throw ex;
		}
		finally {
			if (!settled) {
				attempt.cancelled();
			}
		}
		this.events.success(Event.PASSWORD_CHANGE, caller.userId(), http.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}

}
