package dev.authserver.user;

import dev.authserver.problem.ApiProblem;
import dev.authserver.problem.ProblemException;

/** Signup with a username that another account holds, without regard to case: 409 {@code username_taken}. */
public class UsernameTakenException extends ProblemException {

	public UsernameTakenException() {
		super(ApiProblem.USERNAME_TAKEN, "Another account already has this username");
	}

}
