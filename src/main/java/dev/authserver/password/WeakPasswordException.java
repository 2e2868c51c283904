package dev.authserver.password;

import java.util.List;

import org.springframework.http.ProblemDetail;

import dev.authserver.problem.ApiProblem;
import dev.authserver.problem.FieldProblem;
import dev.authserver.problem.ProblemException;

/**
 * A new password on the blocklist (see {@link PasswordPolicy}): 400 {@code validation_failed}
 * naming the field, with a detail a user understands.
 */
public class WeakPasswordException extends ProblemException {

	private final FieldProblem error;

	WeakPasswordException(String field, String detail) {
		super(ApiProblem.VALIDATION_FAILED, detail);
		this.error = new FieldProblem(field, detail);
	}

	@Override
	public ProblemDetail toProblemDetail() {
		return FieldProblem.validationFailed(List.of(this.error));
	}

}
