package dev.authserver.password;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Password rules (the configuration table in the README).
 *
 * @param minLength shortest password accepted, in code points; NIST SP 800-63B-4 asks 15
 * for a single factor, and never fewer than 8
 */
@Validated
@ConfigurationProperties("auth.password")
public record PasswordProperties(@DefaultValue("15") @Min(8) @Max(PasswordProperties.MAX_LENGTH) int minLength) {

	/** Longest password accepted, in code points. */
	public static final int MAX_LENGTH = 128;

}
