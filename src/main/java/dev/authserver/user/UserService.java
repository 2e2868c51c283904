package dev.authserver.user;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.authserver.password.PasswordHashing;
import dev.authserver.password.PasswordPolicy;
import dev.authserver.password.Passwords;
import dev.authserver.session.SessionService;

/** The user store: accounts, password checks, and the administrator's changes. */
@Service
public class UserService {

	private static final String DUMMY_PASSWORD = "not the password of anyone";

	/** For changes that revoke tokens: bounded in time, as the revocation log asks. */
	private static final int REVOCATION_TIMEOUT_SECONDS = 10;

	private final UserRepository users;

	private final PasswordHashing hashing;

	private final PasswordPolicy policy;

	private final SignupProperties signup;

	private final SessionService sessions;

	private final AccountRowLocks locks;

	private final TransactionTemplate revoking;

	private final Clock clock;

	/** Checked against for unknown usernames, so that they cost as much as a wrong password. */
	private final String dummyHash;

	UserService(UserRepository users, PasswordHashing hashing, PasswordPolicy policy, SignupProperties signup,
			SessionService sessions, AccountRowLocks locks, PlatformTransactionManager transactionManager, Clock clock) {
		this.users = users;
		this.hashing = hashing;
		this.policy = policy;
		this.signup = signup;
		this.sessions = sessions;
		this.locks = locks;
		this.revoking = new TransactionTemplate(transactionManager);
		this.revoking.setTimeout(REVOCATION_TIMEOUT_SECONDS);
		this.clock = clock;
		this.dummyHash = hashing.encode(UUID.randomUUID().toString());
	}

	/**
	 * Creates an account with the role {@code USER}; the client never picks roles. The password
	 * must pass the {@link PasswordPolicy}.
	 */
	public UserAccount signup(String username, String password, String email) {
		if (!this.signup.enabled()) {
			throw new SignupClosedException();
		}
		this.policy.check("password", password, username, email);
		return create(username, password, email, List.of(Roles.USER));
	}

	/** Creates an account with these roles; for the administrator the server makes itself. */
	public UserAccount create(String username, String password, String email, List<String> roles) {
		if (this.users.existsByUsernameKey(UserAccount.keyOf(username))) {
			throw new UsernameTakenException();
		}
		UserAccount user = UserAccount.create(username, email, this.hashing.encode(password), roles,
				this.clock.instant());
		try {
			return this.users.saveAndFlush(user);
		}
		catch (DataIntegrityViolationException ex) {
			// a concurrent signup took the name between the check and the insert
			throw new UsernameTakenException();
		}
	}

	/**
	 * Checks a username and password. Unknown users, wrong passwords and disabled accounts
	 * fail alike, after the same hash computation. No transaction is held while hashing.
	 */
	public UserAccount authenticate(String username, String password) {
		try (PasswordHashing.Permit permit = this.hashing.admit()) {
			return authenticate(username, password, permit);
		}
	}

	/** {@link #authenticate(String, String)} with a place for the hash taken already. */
	public UserAccount authenticate(String username, String password, PasswordHashing.Permit permit) {
		Optional<UserAccount> user = this.users.findByUsernameKey(UserAccount.keyOf(username));
		if (!Passwords.isWellFormed(password)) {
			// no account has such a password; spend the same time before saying so
			permit.matches(DUMMY_PASSWORD, this.dummyHash);
			throw new InvalidCredentialsException();
		}
		String hash = user.map(UserAccount::getPasswordHash).orElse(this.dummyHash);
		boolean matches = permit.matches(password, hash);
		if (user.isEmpty() || !matches || !user.get().isEnabled()) {
			throw new InvalidCredentialsException(user.map(UserAccount::getId).orElse(null));
		}
		return user.get();
	}

	/**
	 * Changes the user's password after checking the current one. Every other session ends
	 * and every access token issued before now is refused; the caller's session lives on
	 * and refreshes to tokens that work.
	 */
	public void changePassword(UUID userId, UUID currentSessionId, String currentPassword, String newPassword) {
		UserAccount user = this.users.findById(userId).orElseThrow(InvalidCredentialsException::new);
		this.policy.check("new_password", newPassword, user.getUsername(), user.getEmail());
		String checkedHash = user.getPasswordHash();
		if (!Passwords.isWellFormed(currentPassword) || !this.hashing.matches(currentPassword, checkedHash)
				|| !user.isEnabled()) {
			throw new InvalidCredentialsException(userId);
		}
		// hash outside the transaction: no connection is held while it runs
		String hash = this.hashing.encode(newPassword);
		this.revoking.executeWithoutResult((status) -> {
			this.locks.lockForTokens(userId, checkedHash);
			this.users.setPasswordHash(userId, hash);
			this.sessions.revokeUser(userId, currentSessionId);
		});
	}

	/**
	 * Replaces the user's roles on behalf of the administrator {@code actorId}; the user's
	 * sessions end so that the new roles take effect.
	 */
	public UserAccount replaceRoles(UUID actorId, String username, Collection<String> roles) {
		return administer(actorId, username, roles.contains(Roles.ADMIN), (user) -> {
			user.replaceRoles(roles);
			this.sessions.revokeUser(user.getId(), null);
		});
	}

	/** Enables or disables the account on behalf of the administrator {@code actorId}; disabling ends every session of it. */
	public UserAccount setEnabled(UUID actorId, String username, boolean enabled) {
		return administer(actorId, username, enabled, (user) -> {
			user.setEnabled(enabled);
			if (!enabled) {
				this.sessions.revokeUser(user.getId(), null);
			}
		});
	}

	/**
	 * Applies an administrator's change to an account, unless it would leave no enabled
	 * administrator or take an administrator's own role or access away. The rows of every
	 * enabled administrator are locked first, in one order, then the account's: of two changes
	 * that could each remove an administrator, the second sees the first.
	 *
	 * @param staysAdmin whether the account, if an enabled administrator, remains one
	 */
	private UserAccount administer(UUID actorId, String username, boolean staysAdmin, Consumer<UserAccount> change) {
		return this.revoking.execute((status) -> {
			List<UUID> admins = this.users.lockEnabledWithRole(Roles.ADMIN);
			UserAccount user = this.users.findByUsernameKeyForUpdate(UserAccount.keyOf(username))
				.orElseThrow(UserNotFoundException::new);
			if (!staysAdmin && admins.contains(user.getId())) {
				if (admins.size() == 1) {
					throw new LastAdminException();
				}
				if (user.getId().equals(actorId)) {
					throw new SelfChangeException();
				}
			}
			change.accept(user);
			return user;
		});
	}

	@Transactional(readOnly = true)
	public Page<UserAccount> list(Pageable pageable) {
		return this.users.findAll(pageable);
	}

	/** The accounts whose username contains {@code text}, without regard to case. */
	@Transactional(readOnly = true)
	public Page<UserAccount> search(String text, Pageable pageable) {
		return this.users.findByUsernameKeyContaining(UserAccount.keyOf(text), pageable);
	}

	/** Whether an enabled account holds the role. */
	@Transactional(readOnly = true)
	public boolean anyEnabledWithRole(String role) {
		return this.users.existsEnabledWithRole(role);
	}

	/** The usernames of these accounts, by id; an id with no account is left out. */
	@Transactional(readOnly = true)
	public Map<UUID, String> usernames(Collection<UUID> ids) {
		Map<UUID, String> usernames = new java.util.HashMap<>();
		this.users.findAllById(ids).forEach((user) -> usernames.put(user.getId(), user.getUsername()));
		return usernames;
	}

	/** The account with this username, in any case. */
	@Transactional(readOnly = true)
	public Optional<UserAccount> findByUsername(String username) {
		return this.users.findByUsernameKey(UserAccount.keyOf(username));
	}

	/**
	 * Gives an administrator account back to the operator: enabled, with this password, and
	 * every session it had ended.
	 */
	public void restoreAdministrator(UUID userId, String password) {
		String hash = this.hashing.encode(password);
		this.revoking.executeWithoutResult((status) -> {
			this.users.lockById(userId);
			this.users.enable(userId, hash);
			this.sessions.revokeUser(userId, null);
		});
	}

}
