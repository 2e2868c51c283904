package dev.authserver.audit;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * One structured log line per security event (SPEC section 8), on the logger
 * {@code security}: {@code event=... outcome=... user_id=... client_ip=...}. Never a
 * password, a token or a username typed at login (it may be a mistyped password).
 */
@Component
public class SecurityEvents {

	private static final Logger logger = LoggerFactory.getLogger("security");

	/** The kinds of event, as written in the {@code event} field. */
	public enum Event {

		SIGNUP, LOGIN, LOCKOUT, RATE_LIMIT, REFRESH, REFRESH_REUSE, LOGOUT, LOGOUT_ALL, SESSION_END, PASSWORD_CHANGE,
		ROLE_CHANGE, ACCOUNT_DISABLED, ACCOUNT_ENABLED;

		String field() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	public void success(Event event, UUID userId, String clientIp) {
		log(event, "success", userId, clientIp);
	}

	public void failure(Event event, UUID userId, String clientIp) {
		log(event, "failure", userId, clientIp);
	}

	private static void log(Event event, String outcome, UUID userId, String clientIp) {
		if (logger.isInfoEnabled()) {
			logger.info("event={} outcome={} user_id={} client_ip={}", event.field(), outcome,
					(userId != null) ? userId : "-", sanitize(clientIp));
		}
	}

	/** Client addresses can come from a forwarded header: keep them to one clean token. */
	private static String sanitize(String value) {
		if (value == null || value.isEmpty()) {
			return "-";
		}
		StringBuilder clean = new StringBuilder(Math.min(value.length(), 64));
		for (int i = 0; i < value.length() && clean.length() < 64; i++) {
			char c = value.charAt(i);
			clean.append((Character.isLetterOrDigit(c) || c == '.' || c == ':' || c == '-') ? c : '_');
		}
		return clean.toString();
	}

}
