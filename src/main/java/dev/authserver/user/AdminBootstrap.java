package dev.authserver.user;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the administrator on first start, when no account holds {@code ADMIN}
 * (SPEC section 2). A generated password is printed once and never stored in clear.
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
		if (this.users.anyWithRole(Roles.ADMIN)) {
			return;
		}
		boolean generated = this.properties.password() == null || this.properties.password().isEmpty();
		String password = generated ? generatePassword() : this.properties.password();
		try {
			this.users.create(this.properties.username(), password, null, List.of(Roles.ADMIN, Roles.USER));
		}
		catch (UsernameTakenException ex) {
			logger.warn("No account holds the role ADMIN, and the username '{}' is taken: no administrator created",
					this.properties.username());
			return;
		}
		if (generated) {
			logger.warn("Created the administrator '{}' with the generated password: {} (shown once; set "
					+ "auth.admin.password to choose one)", this.properties.username(), password);
		}
		else {
			logger.info("Created the administrator '{}' with the password from auth.admin.password",
					this.properties.username());
		}
	}

	private static String generatePassword() {
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
