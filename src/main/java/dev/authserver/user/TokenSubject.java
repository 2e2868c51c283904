package dev.authserver.user;

import java.util.List;
import java.util.UUID;

/**
 * An account as the tokens issued for it describe it, read under the account's row lock.
 *
 * @param id {@code sub}, the user's stable id
 * @param username {@code preferred_username}
 * @param roles {@code roles}, sorted, so that tokens are stable
 */
public record TokenSubject(UUID id, String username, List<String> roles) {
}
