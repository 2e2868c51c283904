package dev.authserver.admin;

import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.authserver.support.Api;
import dev.authserver.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/admin/users?q=}: the accounts whose username contains the text, without
 * regard to case, paged and ordered as the full list; without {@code q} the full list.
 */
@IntegrationTest
class AdminUserSearchTest {

	@Autowired
	Api api;

	@Test
	void listWhenQueryGivenThenOnlyUsernamesContainingItInAnyCase() {
		String marker = UUID.randomUUID().toString().substring(0, 8);
		this.api.signup("Zed." + marker + ".b");
		this.api.signup("ann-" + marker);
		this.api.signup("someone-" + UUID.randomUUID().toString().substring(0, 8));
		String admin = adminToken();

		MvcTestResult result = this.api.get("/api/admin/users?q=" + marker.toUpperCase() + "&size=1", admin);

		assertThat(result).hasStatusOk();
		assertThat(usernames(result)).containsExactly("ann-" + marker);
		assertThat(result).bodyJson().extractingPath("$.page.total_elements").isEqualTo(2);
		assertThat(usernames(this.api.get("/api/admin/users?q=" + marker + "&size=1&page=1", admin)))
			.containsExactly("Zed." + marker + ".b");
	}

	@Test
	void listWhenQueryHasLikeWildcardsThenTheyMatchThemselves() {
		String marker = UUID.randomUUID().toString().substring(0, 8);
		this.api.signup("under_" + marker);
		this.api.signup("underx" + marker);
		String admin = adminToken();

		assertThat(usernames(this.api.get("/api/admin/users?q=under_" + marker, admin)))
			.containsExactly("under_" + marker);
		// the request's text is encoded on the way: the server reads the % itself
		assertThat(usernames(this.api.get("/api/admin/users?q=%" + marker, admin))).isEmpty();
		assertThat(usernames(this.api.get("/api/admin/users?q=r_" + marker, admin))).containsExactly("under_" + marker);
	}

	@Test
	void listWhenQueryBlankOrAbsentThenEveryUser() {
		this.api.signup();
		String admin = adminToken();
		Object total = JsonPath.read(Api.body(this.api.get("/api/admin/users", admin)), "$.page.total_elements");

		assertThat(this.api.get("/api/admin/users?q=", admin)).bodyJson()
			.extractingPath("$.page.total_elements")
			.isEqualTo(total);
		assertThat(this.api.get("/api/admin/users?q= ", admin)).bodyJson()
			.extractingPath("$.page.total_elements")
			.isEqualTo(total);
	}

	@Test
	void listWhenQueryTooLongThenValidationFailed() {
		assertThat(this.api.get("/api/admin/users?q=" + "a".repeat(65), adminToken()))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.code")
			.isEqualTo("validation_failed");
	}

	private String adminToken() {
		return this.api.login("admin", "admin-password-for-tests").accessToken();
	}

	private static List<String> usernames(MvcTestResult result) {
		return JsonPath.read(Api.body(result), "$.content[*].username");
	}

}
