package dev.authserver.user;

import dev.authserver.problem.ApiProblem;
import dev.authserver.problem.ProblemException;

/** The account exists but an administrator disabled it: 401 {@code account_disabled}. */
public class AccountDisabledException extends ProblemException {

	public AccountDisabledException() {
		super(ApiProblem.ACCOUNT_DISABLED, "The account is disabled");
	}

}
