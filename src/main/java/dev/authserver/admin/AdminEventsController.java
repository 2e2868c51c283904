package dev.authserver.admin;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.authserver.audit.AuditTrail;
import dev.authserver.audit.AuditTrail.StoredEvent;
import dev.authserver.audit.SecurityEvents.Event;
import dev.authserver.problem.ApiProblem;
import dev.authserver.problem.ProblemException;
import dev.authserver.user.UserService;
import dev.authserver.web.PagedResponse;

/**
 * The stored security events, newest first, for the administrator (the filter chain requires
 * the role {@code ADMIN}): by kind, by user (a username or a user id), since a moment.
 */
@RestController
@Validated
class AdminEventsController {

	private static final Set<String> TYPES = Arrays.stream(Event.values()).map(Event::field).collect(Collectors.toSet());

	private final AuditTrail trail;

	private final UserService users;

	AdminEventsController(AuditTrail trail, UserService users) {
		this.trail = trail;
		this.users = users;
	}

	@GetMapping("/api/admin/events")
	PagedResponse<EventView> list(@RequestParam(required = false) String type,
			@RequestParam(required = false) String user, @RequestParam(required = false) String since,
			@RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
		if (type != null && !TYPES.contains(type)) {
			throw new BadFilterException("type is one of " + String.join(", ", TYPES.stream().sorted().toList()));
		}
		Instant from = null;
		if (since != null) {
			try {
				from = Instant.parse(since);
			}
			catch (DateTimeParseException ex) {
				throw new BadFilterException("since is an instant such as 2026-12-01T00:00:00Z");
			}
		}
		UUID userId = null;
		if (user != null) {
			userId = userId(user);
			if (userId == null) {
				return PagedResponse.of(Page.empty(PageRequest.of(page, size)), (StoredEvent event) -> null);
			}
		}
		Page<StoredEvent> events = this.trail.find(type, userId, from, PageRequest.of(page, size));
		Map<UUID, String> usernames = this.users.usernames(
				events.getContent().stream().map(StoredEvent::userId).filter(Objects::nonNull).distinct().toList());
		return PagedResponse.of(events, (event) -> EventView.of(event, usernames.get(event.userId())));
	}

	/** The user a filter names: a user id, or else a username; {@code null} for none. */
	private UUID userId(String user) {
		try {
			UUID id = UUID.fromString(user);
			if (id.toString().equals(user.toLowerCase(java.util.Locale.ROOT))) {
				return id;
			}
		}
		catch (IllegalArgumentException ex) {
			// not an id: a username
		}
		return this.users.findByUsername(user).map((account) -> account.getId()).orElse(null);
	}

	/**
	 * A stored event as the administrator sees it.
	 *
	 * @param id its number
	 * @param type the kind of event
	 * @param outcome {@code success} or {@code failure}
	 * @param userId the user, if the event has one
	 * @param username that user's username now, if the account still exists
	 * @param clientIp the client's address
	 * @param userAgent the client's {@code User-Agent}
	 * @param at when
	 */
	record EventView(long id, String type, String outcome, UUID userId, String username, String clientIp,
			String userAgent, Instant at) {

		static EventView of(StoredEvent event, String username) {
			return new EventView(event.id(), event.type(), event.outcome(), event.userId(), username, event.clientIp(),
					event.userAgent(), event.at());
		}

	}

	/** 400 {@code invalid_request}: a filter that cannot be read. */
	static class BadFilterException extends ProblemException {

		BadFilterException(String detail) {
			super(ApiProblem.INVALID_REQUEST, detail);
		}

	}

}
