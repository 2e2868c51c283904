package dev.authserver.session;

import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.authserver.audit.SecurityEvents;
import dev.authserver.audit.SecurityEvents.Event;
import dev.authserver.security.AuthenticatedUser;

/** The caller's own sessions: list them, end one (SPEC section 4). */
@RestController
@RequestMapping("/api/me/sessions")
class MySessionsController {

	private final SessionService sessions;

	private final SecurityEvents events;

	MySessionsController(SessionService sessions, SecurityEvents events) {
		this.sessions = sessions;
		this.events = events;
	}

	@GetMapping
	List<SessionView> list(@AuthenticationPrincipal AuthenticatedUser user) {
		return this.sessions.active(user.id())
			.stream()
			.map((session) -> SessionView.of(session, user.sessionId()))
			.toList();
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> end(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable String id,
			HttpServletRequest http) {
		UUID sessionId;
		try {
			sessionId = UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new SessionNotFoundException();
		}
		if (!this.sessions.end(sessionId, user.id())) {
			throw new SessionNotFoundException();
		}
		this.events.success(Event.SESSION_END, user.id(), http.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}

}
