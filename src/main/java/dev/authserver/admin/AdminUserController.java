package dev.authserver.admin;

import java.util.TreeSet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.authserver.audit.SecurityEvents;
import dev.authserver.audit.SecurityEvents.Event;
import dev.authserver.user.UserAccount;
import dev.authserver.user.UserService;
import dev.authserver.verification.AccessTokenClaims;
import dev.authserver.web.PagedResponse;

/** The administrator's view of the user store; the filter chain requires the role {@code ADMIN}. */
@RestController
@Validated
@RequestMapping("/api/admin/users")
class AdminUserController {

	private final UserService users;

	private final SecurityEvents events;

	AdminUserController(UserService users, SecurityEvents events) {
		this.users = users;
		this.events = events;
	}

	/** Every account, or with {@code q} those whose username contains it in any case; by username. */
	@GetMapping
	PagedResponse<UserView> list(@RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
			@RequestParam(required = false) @Size(max = 64) String q) {
		PageRequest request = PageRequest.of(page, size, Sort.by("usernameKey"));
		return PagedResponse.of((q == null || q.isBlank()) ? this.users.list(request)
				: this.users.search(q.strip(), request), UserView::of);
	}

	// bodies of JSON only, as in MeController
	@PutMapping(path = "/{username}/roles", consumes = MediaType.APPLICATION_JSON_VALUE)
	UserView replaceRoles(@AuthenticationPrincipal AccessTokenClaims admin, @PathVariable String username,
			@Valid @RequestBody RolesRequest request, HttpServletRequest http) {
		UserAccount user = this.users.replaceRoles(admin.userId(), username, new TreeSet<>(request.roles()));
		this.events.success(Event.ROLE_CHANGE, user.getId(), http.getRemoteAddr(), admin.userId());
		return UserView.of(user);
	}

	@PutMapping(path = "/{username}/enabled", consumes = MediaType.APPLICATION_JSON_VALUE)
	UserView setEnabled(@AuthenticationPrincipal AccessTokenClaims admin, @PathVariable String username,
			@Valid @RequestBody EnabledRequest request, HttpServletRequest http) {
		UserAccount user = this.users.setEnabled(admin.userId(), username, request.enabled());
		this.events.success(request.enabled() ? Event.ACCOUNT_ENABLED : Event.ACCOUNT_DISABLED, user.getId(),
				http.getRemoteAddr(), admin.userId());
		return UserView.of(user);
	}

}
