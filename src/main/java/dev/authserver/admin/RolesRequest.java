package dev.authserver.admin;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PUT /api/admin/users/{username}/roles}.
 *
 * @param roles the complete set of roles the user is to hold
 */
record RolesRequest(@NotNull @Size(min = 1, max = 20) List<@NotNull @Pattern(regexp = "[A-Z][A-Z0-9_]{0,31}",
		message = "must be 1 to 32 of A-Z, 0-9 and '_', starting with a letter") String> roles) {
}
