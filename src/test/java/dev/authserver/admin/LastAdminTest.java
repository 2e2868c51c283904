package dev.authserver.admin;

import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.authserver.support.Api;
import dev.authserver.support.Concurrently;
import dev.authserver.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server never loses its last enabled administrator, an administrator cannot disable or
 * demote themselves, and the events of an administrator's action name both the actor and the
 * target. Each test starts from a database whose only administrator is the bootstrap one.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "logging.level.security=INFO")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class LastAdminTest {

	static final String ADMIN_PASSWORD = "admin-password-for-tests";

	@Autowired
	Api api;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void disableWhenLastAdminDisablesThemselvesThenConflictAndStillEnabled() {
		String admin = adminToken();
		MvcTestResult result = this.api.put("/api/admin/users/admin/enabled", admin, "{\"enabled\":false}");
		assertThat(result).hasStatus(HttpStatus.CONFLICT).bodyJson().extractingPath("$.code").isEqualTo("last_admin");
		assertThat(result).bodyJson().extractingPath("$.detail").asString().isNotBlank();
		assertThat(this.api.get("/api/me", admin)).hasStatusOk();
		assertThat(enabledAdmins()).isEqualTo(1);
	}

	@Test
	void rolesWhenLastAdminLosesAdminThenConflictAndRolesKept() {
		String admin = adminToken();
		assertThat(this.api.put("/api/admin/users/admin/roles", admin, "{\"roles\":[\"USER\"]}"))
			.hasStatus(HttpStatus.CONFLICT)
			.bodyJson()
			.extractingPath("$.code")
			.isEqualTo("last_admin");
		assertThat(this.api.get("/api/me", admin)).bodyJson().extractingPath("$.roles").asArray().contains("ADMIN");
	}

	@Test
	void changeWhenAdminTargetsThemselvesThenConflictEvenWithAnotherAdmin() {
		String admin = adminToken();
		String other = Api.uniqueUsername();
		this.api.signup(other);
		assertThat(this.api.put("/api/admin/users/" + other + "/roles", admin, "{\"roles\":[\"ADMIN\",\"USER\"]}"))
			.hasStatusOk();

		MvcTestResult demote = this.api.put("/api/admin/users/ADMIN/roles", admin, "{\"roles\":[\"USER\"]}");
		assertThat(demote).hasStatus(HttpStatus.CONFLICT);
		assertThat(demote).bodyJson().extractingPath("$.code").isEqualTo("self_change");
		assertThat(this.api.put("/api/admin/users/admin/enabled", admin, "{\"enabled\":false}"))
			.hasStatus(HttpStatus.CONFLICT);
		// another administrator may
		String otherToken = this.api.login(other, Api.PASSWORD).accessToken();
		assertThat(this.api.put("/api/admin/users/admin/roles", otherToken, "{\"roles\":[\"USER\"]}")).hasStatusOk();
		assertThat(enabledAdmins()).isEqualTo(1);
	}

	@Test
	void disableWhenTwoAdminsDisableEachOtherAtOnceThenOneEnabledAdminRemains() throws Exception {
		String admin = adminToken();
		String other = Api.uniqueUsername();
		this.api.signup(other);
		this.api.put("/api/admin/users/" + other + "/roles", admin, "{\"roles\":[\"ADMIN\",\"USER\"]}");
		String otherToken = this.api.login(other, Api.PASSWORD).accessToken();

		List<Integer> statuses = Concurrently.run(2, (i) -> () -> ((i == 0)
				? this.api.put("/api/admin/users/" + other + "/enabled", admin, "{\"enabled\":false}")
				: this.api.put("/api/admin/users/admin/enabled", otherToken, "{\"enabled\":false}"))
			.getResponse()
			.getStatus());
		assertThat(statuses).containsExactlyInAnyOrder(200, 409);
		assertThat(enabledAdmins()).isEqualTo(1);
	}

	@Test
	void roleChangeThenEventNamesActorAndTarget(CapturedOutput output) {
		String admin = adminToken();
		String adminId = JsonPath.read(Api.body(this.api.get("/api/me", admin)), "$.id");
		String target = Api.uniqueUsername();
		String targetToken = this.api.signup(target).accessToken();
		String targetId = JsonPath.read(Api.body(this.api.get("/api/me", targetToken)), "$.id");

		this.api.put("/api/admin/users/" + target + "/roles", admin, "{\"roles\":[\"AUDITOR\",\"USER\"]}");
		this.api.put("/api/admin/users/" + target + "/enabled", admin, "{\"enabled\":false}");

		for (String event : List.of("event=role_change", "event=account_disabled")) {
			assertThat(output.getOut().lines().filter((line) -> line.contains(event)))
				.singleElement()
				.satisfies((line) -> assertThat(line).contains("user_id=" + targetId).contains("actor_id=" + adminId));
		}
	}

	private String adminToken() {
		return this.api.login("admin", ADMIN_PASSWORD).accessToken();
	}

	private int enabledAdmins() {
		return this.jdbc.queryForObject("select count(*) from users u join user_roles r on r.user_id = u.id "
				+ "where r.role = 'ADMIN' and u.enabled = true", Integer.class);
	}

}
