package dev.authserver.password;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A new password of an accepted length, in code points (docs/security.md); the
 * {@link PasswordPolicy} judges the rest, once the account's details are known.
 */
@Documented
@Constraint(validatedBy = PasswordValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface Password {

	String message() default "must be a valid password";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
