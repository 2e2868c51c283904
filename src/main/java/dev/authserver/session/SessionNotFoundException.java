package dev.authserver.session;

/** No session of the caller has this id: another user's session looks the same as none. */
public class SessionNotFoundException extends RuntimeException {

	public SessionNotFoundException() {
		super("No such session", null, false, false);
	}

}
