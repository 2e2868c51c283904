package dev.authserver.admin;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.authserver.AuthServerApplication;
import dev.authserver.user.Roles;
import dev.authserver.user.UserAccount;
import dev.authserver.user.UserService;

import static org.assertj.core.api.Assertions.assertThat;

/** The bootstrap administrator (docs/operations.md), created once when no account holds {@code ADMIN}. */
@ExtendWith(OutputCaptureExtension.class)
class AdminBootstrapTest {

	private static final Pattern GENERATED = Pattern.compile("generated password: (\\S+)");

	@Test
	void startWhenNoPasswordConfiguredThenGeneratedOnceAndItLogsIn(CapturedOutput output) {
		String database = "jdbc:h2:mem:bootstrap-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
		String password;
		try (ConfigurableApplicationContext context = start(database, "--auth.admin.username=root")) {
			Matcher matcher = GENERATED.matcher(output.getOut());
			assertThat(matcher.find()).as("generated password logged").isTrue();
			password = matcher.group(1);
			assertThat(password).hasSizeGreaterThanOrEqualTo(15);
			UserAccount admin = context.getBean(UserService.class).authenticate("root", password);
			assertThat(admin.getRoles()).contains(Roles.ADMIN);
			assertThat(context.getBean(JdbcTemplate.class).queryForObject("select password_hash from users", String.class))
				.doesNotContain(password);
		}
		// a second start on the same database finds the administrator and says nothing
		int logged = countOccurrences(output.getOut(), "generated password");
		try (ConfigurableApplicationContext context = start(database, "--auth.admin.username=root")) {
			assertThat(countOccurrences(output.getOut(), "generated password")).isEqualTo(logged);
			assertThat(context.getBean(JdbcTemplate.class).queryForObject("select count(*) from users", Integer.class))
				.isEqualTo(1);
			context.getBean(UserService.class).authenticate("root", password);
		}
	}

	@Test
	void startWhenPasswordConfiguredThenAdminLogsInWithIt(CapturedOutput output) {
		String database = "jdbc:h2:mem:bootstrap-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
		try (ConfigurableApplicationContext context = start(database,
				"--auth.admin.password=configured-admin-password")) {
			UserAccount admin = context.getBean(UserService.class).authenticate("admin", "configured-admin-password");
			assertThat(admin.getRoles()).containsExactly(Roles.ADMIN, Roles.USER);
			assertThat(output.getOut()).doesNotContain("configured-admin-password");
		}
	}

	@Test
	void startWhenNoEnabledAdministratorThenBootstrapRestoresOneAndSaysSo(CapturedOutput output) {
		String database = "jdbc:h2:mem:bootstrap-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
		try (ConfigurableApplicationContext context = start(database, "--auth.admin.password=first-admin-password")) {
			context.getBean(JdbcTemplate.class).update("update users set enabled = false");
		}
		try (ConfigurableApplicationContext context = start(database,
				"--auth.admin.password=second-admin-password")) {
			assertThat(output.getOut()).contains("No enabled administrator");
			UserAccount admin = context.getBean(UserService.class).authenticate("admin", "second-admin-password");
			assertThat(admin.isEnabled()).isTrue();
			assertThat(admin.getRoles()).contains(Roles.ADMIN);
		}
	}

	@Test
	void startWhenAdminUsernameHeldByOrdinaryAccountThenNotElevatedAndSaysSo(CapturedOutput output) {
		String database = "jdbc:h2:mem:bootstrap-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
		try (ConfigurableApplicationContext context = start(database, "--auth.admin.password=first-admin-password")) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.update("delete from user_roles where role = 'ADMIN'");
		}
		try (ConfigurableApplicationContext context = start(database,
				"--auth.admin.password=second-admin-password")) {
			assertThat(output.getOut()).contains("No enabled administrator");
			assertThat(context.getBean(JdbcTemplate.class)
				.queryForObject("select count(*) from user_roles where role = 'ADMIN'", Integer.class)).isZero();
		}
	}

	private static ConfigurableApplicationContext start(String database, String... extra) {
		String[] args = new String[extra.length + 5];
		args[0] = "--spring.datasource.url=" + database;
		args[1] = "--auth.jwt.secret=dGVzdC1vbmx5LWtleS10ZXN0LW9ubHkta2V5LXRlc3Qtb25seS1rZXk=";
		args[2] = "--server.port=0";
		args[3] = "--logging.level.dev.authserver=INFO";
		args[4] = "--spring.main.banner-mode=off";
		System.arraycopy(extra, 0, args, 5, extra.length);
		return SpringApplication.run(AuthServerApplication.class, args);
	}

	private static int countOccurrences(String text, String part) {
		int count = 0;
		for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
			count++;
		}
		return count;
	}

}
