package dev.authserver.session;

import java.util.UUID;

import dev.authserver.token.TokenSubject;

/**
 * The row lock on an account that every issue of tokens and every change to a user's sessions
 * takes first: the one lock that guards the user's sessions (docs/sessions.md, the lock order).
 * The user store implements it; sessions never read accounts otherwise.
 */
public interface AccountLocks {

	/** Locks the account's row until the transaction ends. */
	void lock(UUID userId);

	/**
	 * Locks the account's row and returns the account as its tokens describe it now. Refuses a
	 * disabled account; for a login, also one whose password changed since
	 * {@code checkedPasswordHash} was checked.
	 *
	 * @param checkedPasswordHash the hash the login's password matched, or {@code null} for a refresh
	 */
	TokenSubject lockForTokens(UUID userId, String checkedPasswordHash);

}
