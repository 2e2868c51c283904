package dev.authserver.user;

import dev.authserver.problem.ApiProblem;
import dev.authserver.problem.ProblemException;

/** An administrator disabling themselves or taking their own {@code ADMIN} role: 409 {@code self_change}. */
public class SelfChangeException extends ProblemException {

	public SelfChangeException() {
		super(ApiProblem.SELF_CHANGE,
				"An administrator cannot disable their own account or remove their own role ADMIN; ask another administrator");
	}

}
