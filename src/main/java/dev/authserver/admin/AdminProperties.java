package dev.authserver.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The administrator created on first start (docs/operations.md).
 *
 * @param username its username
 * @param password its password; when absent, a random one is generated and logged once
 */
@Validated
@ConfigurationProperties("auth.admin")
public record AdminProperties(
		@DefaultValue("admin") @NotBlank @Size(min = 3, max = 64) @Pattern(regexp = "[A-Za-z0-9._-]*") String username,
		String password) {

	@Override
	public String toString() {
		return "AdminProperties[username=" + this.username + ", password=<redacted>]";
	}

}
