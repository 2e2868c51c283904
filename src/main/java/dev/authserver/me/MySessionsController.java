package dev.authserver.me;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.authserver.audit.SecurityEvents;
import dev.authserver.audit.SecurityEvents.Event;
import dev.authserver.session.SessionNotFoundException;
import dev.authserver.session.SessionService;
import dev.authserver.verification.AccessTokenClaims;
import dev.authserver.web.PagedResponse;

/** The caller's own sessions: list them, end one. */
@RestController
@Validated
@RequestMapping("/api/me/sessions")
class MySessionsController {

	private final SessionService sessions;

	private final SecurityEvents events;

	MySessionsController(SessionService sessions, SecurityEvents events) {
		this.sessions = sessions;
		this.events = events;
	}

	/** Paged as the administrator's list of users is. */
	@GetMapping
	PagedResponse<SessionView> list(@AuthenticationPrincipal AccessTokenClaims caller,
			@RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return PagedResponse.of(this.sessions.live(caller.userId(), page, size),
				(session) -> SessionView.of(session, caller.sessionId()));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> end(@AuthenticationPrincipal AccessTokenClaims caller, @PathVariable String id,
			HttpServletRequest http) {
		UUID sessionId;
		try {
			sessionId = UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new SessionNotFoundException();
		}
		if (!this.sessions.end(sessionId, caller.userId())) {
			throw new SessionNotFoundException();
		}
		this.events.success(Event.SESSION_END, caller.userId(), http.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}

}
