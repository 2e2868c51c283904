package dev.authserver.session;

import dev.authserver.problem.ApiProblem;
import dev.authserver.problem.ProblemException;

/** No session of the caller has this id (another user's session looks the same as none): 404. */
public class SessionNotFoundException extends ProblemException {

	public SessionNotFoundException() {
		super(ApiProblem.NOT_FOUND, "You have no session with this id");
	}

}
