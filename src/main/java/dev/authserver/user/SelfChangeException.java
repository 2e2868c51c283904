package dev.authserver.user;

/** An administrator disabling themselves or taking their own {@code ADMIN} role: 409 {@code self_change}. */
public class SelfChangeException extends RuntimeException {

	public SelfChangeException() {
		super("An administrator cannot disable or demote themselves", null, false, false);
	}

}
