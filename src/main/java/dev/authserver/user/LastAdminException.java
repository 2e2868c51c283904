package dev.authserver.user;

import dev.authserver.problem.ApiProblem;
import dev.authserver.problem.ProblemException;

/** A change that would leave the server without an enabled administrator: 409 {@code last_admin}. */
public class LastAdminException extends ProblemException {

	public LastAdminException() {
		super(ApiProblem.LAST_ADMIN,
				"This change would leave no enabled account with the role ADMIN; make another administrator first");
	}

}
