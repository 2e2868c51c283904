package dev.authserver.user;

import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.authserver.session.AccountLocks;
import dev.authserver.token.TokenSubject;

/**
 * The account's row lock, which every issue of tokens and every change to an account takes
 * first: a login or refresh that overlaps a password change, a role change or a disable cannot
 * slip past it.
 */
@Component
class AccountRowLocks implements AccountLocks {

	private final UserRepository users;

	AccountRowLocks(UserRepository users) {
		this.users = users;
	}

	@Override
	public void lock(UUID userId) {
		this.users.lockById(userId);
	}

	@Override
	public TokenSubject lockForTokens(UUID userId, String checkedPasswordHash) {
		boolean login = checkedPasswordHash != null;
		UserRepository.LockedAccount account = this.users.lockForTokens(userId).orElse(null);
		if (account == null || !account.isEnabled()) {
			if (login) {
				throw new InvalidCredentialsException(userId);
			}
			throw new AccountDisabledException();
		}
		if (login && !checkedPasswordHash.equals(account.getPasswordHash())) {
			throw new InvalidCredentialsException(userId);
		}
		return new TokenSubject(userId, account.getUsername(), this.users.rolesOf(userId));
	}

}
