package dev.authserver.audit;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * One structured log line per security event (docs/operations.md), on the logger
 * {@code security}: {@code event=... outcome=... user_id=... client_ip=...}, and
 * {@code actor_id=...} when an administrator acted on another account. Never a
 * password, a token or a username typed at login (it may be a mistyped password). Each
 * event also counts in Micrometer as {@code auth.events{event,outcome}}, served at
 * {@code /actuator/prometheus} as {@code auth_events_total}, and is stored by
 * {@link AuditTrail}, with the request's {@code User-Agent}.
 */
@Component
public class SecurityEvents {

	private static final Logger logger = LoggerFactory.getLogger("security");

	private final MeterRegistry meters;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	private final AuditTrail trail;

	SecurityEvents(MeterRegistry meters, AuditTrail trail) {
		this.meters = meters;
		this.trail = trail;
		// registered up front, so that a scrape shows every series from the first start
		for (Event event : Event.values()) {
			counter(event, "success");
			counter(event, "failure");
		}
		for (String reason : new String[] { "missing", "invalid", "expired", "revoked" }) {
			tokenRejections(reason);
		}
	}

	/** The kinds of event, as written in the {@code event} field. */
	public enum Event {

		SIGNUP, LOGIN, LOCKOUT, RATE_LIMIT, REFRESH, REFRESH_REUSE, LOGOUT, LOGOUT_ALL, SESSION_END, SESSION_LIMIT,
		REVOKE, PASSWORD_CHANGE, ROLE_CHANGE, ACCOUNT_DISABLED, ACCOUNT_ENABLED;

		public String field() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	public void success(Event event, UUID userId, String clientIp) {
		success(event, userId, clientIp, null);
	}

	/** An event of an administrator's action: {@code userId} is the account acted on, {@code actorId} the administrator. */
	public void success(Event event, UUID userId, String clientIp, UUID actorId) {
		counter(event, "success").increment();
		log(event, "success", userId, clientIp, actorId);
		this.trail.record(event.field(), "success", userId, clientIp, userAgent());
	}

	public void failure(Event event, UUID userId, String clientIp) {
		counter(event, "failure").increment();
		log(event, "failure", userId, clientIp, null);
		this.trail.record(event.field(), "failure", userId, clientIp, userAgent());
	}

	/** The {@code User-Agent} of the request under way on this thread, if any. */
	private static String userAgent() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			return attributes.getRequest().getHeader("User-Agent");
		}
		return null;
	}

	/**
	 * Counts a bearer token refused on a protected request, by reason; no log line, since
	 * every client with an expired token would write one.
	 */
	public void tokenRejected(String reason) {
		tokenRejections(reason).increment();
	}

	private Counter counter(Event event, String outcome) {
		return this.counters.computeIfAbsent(event.field() + ":" + outcome, (key) -> Counter.builder("auth.events")
			.description("Security events by kind and outcome")
			.tag("event", event.field())
			.tag("outcome", outcome)
			.register(this.meters));
	}

	private Counter tokenRejections(String reason) {
		return this.counters.computeIfAbsent("token:" + reason, (key) -> Counter.builder("auth.token.rejections")
			.description("Bearer tokens refused, by reason")
			.tag("reason", reason)
			.register(this.meters));
	}

	private static void log(Event event, String outcome, UUID userId, String clientIp, UUID actorId) {
		if (!logger.isInfoEnabled()) {
			return;
		}
		if (actorId != null) {
			logger.info("event={} outcome={} user_id={} client_ip={} actor_id={}", event.field(), outcome,
					(userId != null) ? userId : "-", sanitize(clientIp), actorId);
		}
		else {
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
