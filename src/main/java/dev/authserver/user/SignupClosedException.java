package dev.authserver.user;

import dev.authserver.problem.ApiProblem;
import dev.authserver.problem.ProblemException;

/** Signup while {@code auth.signup.enabled} is false: 404, as if the endpoint did not exist. */
public class SignupClosedException extends ProblemException {

	public SignupClosedException() {
		super(ApiProblem.NOT_FOUND, "Signup is not open on this server");
	}

}
