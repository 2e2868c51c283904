package dev.authserver.password;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Checks a new password's length in code points, so that any Unicode counts as the user
 * sees it (NIST SP 800-63B-4 section 3.1.1.2). Nothing is ever truncated. What the password is
 * made of is the {@link PasswordPolicy}'s to judge, once the account's details are known.
 */
class PasswordValidator implements ConstraintValidator<Password, String> {

	private final PasswordProperties properties;

	PasswordValidator(PasswordProperties properties) {
		this.properties = properties;
	}

	@Override
	public boolean isValid(String password, ConstraintValidatorContext context) {
		if (password == null) {
			return true;
		}
		if (!Passwords.isWellFormed(password)) {
			context.disableDefaultConstraintViolation();
			context.buildConstraintViolationWithTemplate("must be valid Unicode text").addConstraintViolation();
			return false;
		}
		int length = password.codePointCount(0, password.length());
		if (length < this.properties.minLength() || length > PasswordProperties.MAX_LENGTH) {
			context.disableDefaultConstraintViolation();
			context.buildConstraintViolationWithTemplate("must be " + this.properties.minLength() + " to "
					+ PasswordProperties.MAX_LENGTH + " characters long").addConstraintViolation();
			return false;
		}
		return true;
	}

}
