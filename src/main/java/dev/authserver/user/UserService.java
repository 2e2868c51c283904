package dev.authserver.user;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.authserver.session.SessionService;

/** The user store: accounts, password checks and the administrator's listing. */
@Service
public class UserService {

	private final UserRepository users;

	private final PasswordHashing hashing;

	private final SignupProperties signup;

	private final Clock clock;

	private static final String DUMMY_PASSWORD = "not the password of anyone";

	/** Checked against for unknown usernames, so that they cost as much as a wrong password. */
	private final String dummyHash;

	private final SessionService sessions;

	/** For changes that revoke tokens: bounded in time, as the revocation log asks. */
	private final TransactionTemplate revoking;

	private static final int REVOCATION_TIMEOUT_SECONDS = 10;

	private final JdbcTemplate jdbc;

	private final PasswordPolicy policy;

	UserService(UserRepository users, PasswordHashing hashing, PasswordPolicy policy, SignupProperties signup,
			SessionService sessions, JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
		this.users = users;
		this.jdbc = jdbc;
		this.hashing = hashing;
		this.policy = policy;
		this.signup = signup;
		this.sessions = sessions;
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

	UserAccount create(String username, String password, String email, List<String> roles) {
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
		// hash outside the transaction: no connection is held for the tens of milliseconds it takes
		String hash = this.hashing.encode(newPassword);
		this.revoking.executeWithoutResult((status) -> {
			lockAccount(userId, checkedHash, true);
			this.jdbc.update("update users set password_hash = ? where id = ?", hash, userId);
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
			List<UUID> admins = this.jdbc.queryForList("select id from users where enabled = true and id in "
					+ "(select user_id from user_roles where role = ?) order by id for update", UUID.class, Roles.ADMIN);
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

	/**
	 * Locks the account for issuing tokens, inside the caller's transaction, and returns its
	 * state now: tokens carry these roles. Refuses an account disabled meanwhile, or, for a
	 * login, one whose password changed since it was checked. Every change to an account goes
	 * through its row lock first, so a login or refresh that overlaps a password change, a
	 * role change or a disable cannot slip past it.
	 *
	 * @param checked the account as the password check saw it, or {@code null} for a refresh
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public TokenSubject lockForTokens(UUID userId, UserAccount checked) {
		return lockForTokens(userId, (checked != null) ? checked.getPasswordHash() : null, checked != null);
	}

	/** Plain SQL rather than the entity: every refresh runs this, and loading an entity costs more than the lock. */
	private TokenSubject lockForTokens(UUID userId, String checkedHash, boolean login) {
		String username = lockAccount(userId, checkedHash, login);
		List<String> roles = this.jdbc.queryForList("select role from user_roles where user_id = ?", String.class,
				userId);
		return new TokenSubject(userId, username, roles.stream().sorted().toList());
	}

	/**
	 * Locks the account's row and refuses it if disabled or, when a hash is given, if its
	 * password changed since that hash was checked; its username.
	 */
	private String lockAccount(UUID userId, String checkedHash, boolean login) {
		List<LockedAccount> locked = this.jdbc.query(
				"select username, password_hash, enabled from users where id = ? for update",
				(row, index) -> new LockedAccount(row.getString(1), row.getString(2), row.getBoolean(3)), userId);
		LockedAccount user = locked.isEmpty() ? null : locked.get(0);
		if (user == null || !user.enabled()) {
			if (login) {
				throw new InvalidCredentialsException(userId);
			}
			throw new AccountDisabledException();
		}
		if (checkedHash != null && !checkedHash.equals(user.passwordHash())) {
			throw new InvalidCredentialsException(userId);
		}
		return user.username();
	}

	private record LockedAccount(String username, String passwordHash, boolean enabled) {
	}

	@Transactional(readOnly = true)
	public Page<UserAccount> list(Pageable pageable) {
		return this.users.findAll(pageable);
	}

	/** Whether an enabled account holds the role. */
	@Transactional(readOnly = true)
	public boolean anyEnabledWithRole(String role) {
		return this.users.existsEnabledWithRole(role);
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
	void restoreAdministrator(UUID userId, String password) {
		String hash = this.hashing.encode(password);
		this.revoking.executeWithoutResult((status) -> {
			this.jdbc.update("update users set enabled = true, password_hash = ? where id = ?", hash, userId);
			this.sessions.revokeUser(userId, null);
		});
	}

}
