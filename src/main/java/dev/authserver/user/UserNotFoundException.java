package dev.authserver.user;

import dev.authserver.problem.ApiProblem;
import dev.authserver.problem.ProblemException;

/** An administrator named a username no account has: 404. */
public class UserNotFoundException extends ProblemException {

	public UserNotFoundException() {
		super(ApiProblem.NOT_FOUND, "No user has this username");
	}

}
