package dev.authserver.admin;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import dev.authserver.user.Roles;
import dev.authserver.user.UserAccount;
import dev.authserver.user.UserService;
import dev.authserver.user.UsernameTakenException;

/**
 * Makes sure the server has an enabled administrator at start (docs/operations.md). On the
 * first start it creates {@code auth.admin.username}; later, when no enabled account holds
 * {@code ADMIN} (every administrator was disabled, say, in the database by hand), it says so
 * and gives that administrator account back, enabled and with the configured or a generated
 * password. It never makes an ordinary account an administrator. A generated password is
 * printed once and never stored in clear.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(AdminBootstrap.class);

	private final UserService users;

	private final AdminProperties properties;

	AdminBootstrap(UserService users, AdminProperties properties) {
		this.users = users;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.users.anyEnabledWithRole(Roles.ADMIN)) {
			return;
		}
		String username = this.properties.username();
		Optional<UserAccount> existing = this.users.findByUsername(username);
		if (existing.isEmpty()) {
			create(username);
		}
		else if (existing.get().getRoles().contains(Roles.ADMIN)) {
			restore(existing.get());
		}
		else {
			logger.error("No enabled administrator, and the username '{}' belongs to an account that is not one: it "
					+ "is not made one. Set auth.admin.username to a free username and restart to create an "
					+ "administrator", username);
		}
	}

	private void create(String username) {
		String password = password();
		try {
			this.users.create(username, password, null, List.of(Roles.ADMIN, Roles.USER));
		}
		catch (UsernameTakenException ex) {
			// another instance on the same database created it at the same moment
			return;
		}
		announce("Created the administrator '" + username + "'", password);
	}

	private void restore(UserAccount admin) {
		String password = password();
		this.users.restoreAdministrator(admin.getId(), password);
		logger.warn("No enabled administrator: enabled the administrator '{}' again and set its password",
				admin.getUsername());
		announce("Restored the administrator '" + admin.getUsername() + "'", password);
	}

	private void announce(String what, String password) {
		if (generated()) {
			logger.warn("{} with the generated password: {} (shown once; set auth.admin.password to choose one)",
					what, password);
		}
		else {
			logger.info("{} with the password from auth.admin.password", what);
		}
	}

	private String password() {
		return generated() ? generatePassword() : this.properties.password();
	}

	private boolean generated() {
		return this.properties.password() == null || this.properties.password().isEmpty();
	}

	private static String generatePassword() {
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
