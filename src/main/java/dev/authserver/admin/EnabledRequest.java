package dev.authserver.admin;

import jakarta.validation.constraints.NotNull;

/**
 * Body of {@code PUT /api/admin/users/{username}/enabled}.
 *
 * @param enabled whether the account may log in and refresh
 */
record EnabledRequest(@NotNull Boolean enabled) {
}
