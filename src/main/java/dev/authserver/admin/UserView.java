package dev.authserver.admin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.authserver.user.UserAccount;

/**
 * An account as the administrator sees it: never the password hash.
 *
 * @param id the stable id ({@code sub} of its tokens)
 * @param username the username as given at signup
 * @param email the email, if any
 * @param roles the roles
 * @param enabled whether it may log in
 * @param createdAt when it was created
 */
record UserView(UUID id, String username, String email, List<String> roles, boolean enabled, Instant createdAt) {

	static UserView of(UserAccount user) {
		return new UserView(user.getId(), user.getUsername(), user.getEmail(), user.getRoles(), user.isEnabled(),
				user.getCreatedAt());
	}

}
