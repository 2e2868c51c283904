package dev.authserver.problem;

/** {@code WWW-Authenticate} values of RFC 6750 section 3. */
public final class BearerChallenge {

	public static final String REALM = "Bearer realm=\"api\"";

	private BearerChallenge() {
	}

	public static String invalidToken(String description) {
		return withError("invalid_token", description);
	}

	public static String invalidRequest(String description) {
		return withError("invalid_request", description);
	}

	public static String insufficientScope(String description) {
		return withError("insufficient_scope", description);
	}

	private static String withError(String error, String description) {
		// descriptions are our own fixed texts: no quote or backslash to escape
		return REALM + ", error=\"" + error + "\", error_description=\"" + description + "\"";
	}

}
