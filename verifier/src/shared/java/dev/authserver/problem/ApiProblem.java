package dev.authserver.problem;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The stable, machine-readable error codes of the error table in the README, each with its
 * status and title. Every error body is an RFC 9457 problem with one of these as {@code code}.
 */
public enum ApiProblem {

	VALIDATION_FAILED(HttpStatus.BAD_REQUEST, "validation_failed", "The request is not valid"),
	MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "malformed_request", "The request body cannot be read"),
	INVALID_REQUEST(HttpStatus.BAD_REQUEST, "invalid_request", "The request is malformed"),
	INVALID_CREDENTIALS(HttpStatus.UNAUTHORIZED, "invalid_credentials", "Invalid username or password"),
	ACCOUNT_DISABLED(HttpStatus.UNAUTHORIZED, "account_disabled", "The account is disabled"),
	INVALID_TOKEN(HttpStatus.UNAUTHORIZED, "invalid_token", "The token is missing or invalid"),
	INVALID_CLIENT(HttpStatus.UNAUTHORIZED, "invalid_client", "The service client is unknown or its secret wrong"),
	INSUFFICIENT_ROLE(HttpStatus.FORBIDDEN, "insufficient_role", "The token lacks the role this needs"),
	NOT_FOUND(HttpStatus.NOT_FOUND, "not_found", "Not found"),
	METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "Method not allowed"),
	NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "No acceptable representation"),
	USERNAME_TAKEN(HttpStatus.CONFLICT, "username_taken", "The username is taken"),
	LAST_ADMIN(HttpStatus.CONFLICT, "last_admin", "The server would have no enabled administrator"),
	SELF_CHANGE(HttpStatus.CONFLICT, "self_change", "An administrator cannot disable or demote themselves"),
	PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "The request body is too large"),
	UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
			"The request body must be application/json"),
	TOO_MANY_ATTEMPTS(HttpStatus.TOO_MANY_REQUESTS, "too_many_attempts", "Too many attempts"),
	CORS_REJECTED(HttpStatus.FORBIDDEN, "cors_rejected", "Origin not allowed"),
	CSRF_REJECTED(HttpStatus.FORBIDDEN, "csrf_rejected", "The request lacks X-Requested-With: XMLHttpRequest"),
	HEADERS_TOO_LARGE(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers_too_large", "The request headers are too large"),
	REVOCATIONS_STALE(HttpStatus.SERVICE_UNAVAILABLE, "revocations_stale",
			"Revocations are not known to be current"),
	SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable", "The database cannot be reached for now"),
	INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "Internal error");

	private static final String TYPE_PREFIX = "urn:auth-server:problem:";

	private final HttpStatus status;

	private final String code;

	private final String title;

	ApiProblem(HttpStatus status, String code, String title) {
		this.status = status;
		this.code = code;
		this.title = title;
	}

	public HttpStatus status() {
		return this.status;
	}

	public String code() {
		return this.code;
	}

	public String title() {
		return this.title;
	}

	/**
	 * The problem a bare HTTP status stands for, raised outside our code (Tomcat, actuator,
	 * the container's error dispatch): its title as detail, and that exact status.
	 */
	public static ProblemDetail ofStatus(int status) {
		ApiProblem kind = forStatus(status);
		ProblemDetail problem = kind.toProblemDetail(kind.title);
		problem.setStatus(status);
		return problem;
	}

	/** A problem of this kind with the given detail, ready to be written. */
	public ProblemDetail toProblemDetail(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(this.status, detail);
		problem.setType(URI.create(TYPE_PREFIX + this.code));
		problem.setTitle(this.title);
		problem.setProperty("code", this.code);
		return problem;
	}

	/** The problem a bare HTTP status stands for, for errors raised outside our code. */
	public static ApiProblem forStatus(int status) {
		return switch (status) {
			case 400 -> INVALID_REQUEST;
			case 401 -> INVALID_TOKEN;
			case 403 -> INSUFFICIENT_ROLE;
			case 404 -> NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 406 -> NOT_ACCEPTABLE;
			case 413 -> PAYLOAD_TOO_LARGE;
			case 415 -> UNSUPPORTED_MEDIA_TYPE;
			case 429 -> TOO_MANY_ATTEMPTS;
			case 431 -> HEADERS_TOO_LARGE;
			default -> (status >= 400 && status < 500) ? INVALID_REQUEST : INTERNAL_ERROR;
		};
	}

}
