package dev.authserver.user;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Checks a new password's length in code points, so that any Unicode counts as the user
 * sees it (NIST SP 800-63B-4 section 3.1.1.2). Nothing is ever truncated.
 */
class PasswordValidator implements ConstraintValidator<Password, String> {

	private final PasswordProperties properties;

	private final BreachedPasswords breached;

	PasswordValidator(PasswordProperties properties, BreachedPasswords breached) {
		this.properties = properties;
		this.breached = breached;
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
		if (this.breached.contains(password)) {
			context.disableDefaultConstraintViolation();
			context.buildConstraintViolationWithTemplate("is a commonly breached password; choose another")
				.addConstraintViolation();
			return false;
		}
		return true;
	}

}
