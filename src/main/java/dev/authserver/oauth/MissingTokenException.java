package dev.authserver.oauth;

import dev.authserver.problem.ApiProblem;
import dev.authserver.problem.ProblemException;

/** Introspection or revocation without its {@code token} parameter: 400 {@code invalid_request} (RFC 7009 section 2.2.1). */
class MissingTokenException extends ProblemException {

	MissingTokenException() {
		super(ApiProblem.INVALID_REQUEST, "The token parameter is required");
	}

}
