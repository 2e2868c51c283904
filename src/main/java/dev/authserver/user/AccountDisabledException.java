package dev.authserver.user;

/** The account exists but an administrator disabled it. */
public class AccountDisabledException extends RuntimeException {

	public AccountDisabledException() {
		super("The account is disabled", null, false, false);
	}

}
