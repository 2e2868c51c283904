package dev.authserver.web;

import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolationException;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.authserver.session.RefreshTokenRejectedException;
import dev.authserver.session.SessionNotFoundException;
import dev.authserver.throttle.TooManyAttemptsException;
import dev.authserver.token.InvalidTokenException;
import dev.authserver.user.AccountDisabledException;
import dev.authserver.user.InvalidCredentialsException;
import dev.authserver.user.LastAdminException;
import dev.authserver.user.SelfChangeException;
import dev.authserver.user.SignupClosedException;
import dev.authserver.user.UserNotFoundException;
import dev.authserver.user.UsernameTakenException;
import dev.authserver.user.WeakPasswordException;

/**
 * The one home of errors raised in controllers: Spring MVC's own (through
 * {@link ResponseEntityExceptionHandler}) and the domain's, all written as RFC 9457
 * problems with a stable {@code code} (SPEC section 5). Details never echo exception
 * messages, which could carry class names, SQL or token contents.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(InvalidCredentialsException.class)
	ResponseEntity<Object> invalidCredentials(InvalidCredentialsException ex) {
		return problem(ApiProblem.INVALID_CREDENTIALS, "The username or password is wrong");
	}

	@ExceptionHandler(AccountDisabledException.class)
	ResponseEntity<Object> accountDisabled(AccountDisabledException ex) {
		return problem(ApiProblem.ACCOUNT_DISABLED, "The account is disabled");
	}

	@ExceptionHandler(UsernameTakenException.class)
	ResponseEntity<Object> usernameTaken(UsernameTakenException ex) {
		return problem(ApiProblem.USERNAME_TAKEN, "Another account already has this username");
	}

	@ExceptionHandler(WeakPasswordException.class)
	ResponseEntity<Object> weakPassword(WeakPasswordException ex) {
		return validationFailed(List.of(new FieldProblem(ex.getField(), ex.getDetail())));
	}

	@ExceptionHandler(LastAdminException.class)
	ResponseEntity<Object> lastAdmin(LastAdminException ex) {
		return problem(ApiProblem.LAST_ADMIN,
				"This change would leave no enabled account with the role ADMIN; make another administrator first");
	}

	@ExceptionHandler(SelfChangeException.class)
	ResponseEntity<Object> selfChange(SelfChangeException ex) {
		return problem(ApiProblem.SELF_CHANGE,
				"An administrator cannot disable their own account or remove their own role ADMIN; ask another administrator");
	}

	@ExceptionHandler(SignupClosedException.class)
	ResponseEntity<Object> signupClosed(SignupClosedException ex) {
		return problem(ApiProblem.NOT_FOUND, "Signup is not open on this server");
	}

	@ExceptionHandler(InvalidTokenException.class)
	ResponseEntity<Object> invalidToken(InvalidTokenException ex) {
		return invalidToken(ex.getMessage());
	}

	@ExceptionHandler(RefreshTokenRejectedException.class)
	ResponseEntity<Object> refreshTokenRejected(RefreshTokenRejectedException ex) {
		return invalidToken("The refresh token is invalid");
	}

	@ExceptionHandler(TooManyAttemptsException.class)
	ResponseEntity<Object> tooManyAttempts(TooManyAttemptsException ex) {
		ProblemDetail problem = ApiProblem.TOO_MANY_ATTEMPTS.toProblemDetail("Too many attempts; retry later");
		return ResponseEntity.status(problem.getStatus())
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
			.body(problem);
	}

	@ExceptionHandler(SessionNotFoundException.class)
	ResponseEntity<Object> sessionNotFound(SessionNotFoundException ex) {
		return problem(ApiProblem.NOT_FOUND, "You have no session with this id");
	}

	@ExceptionHandler(UserNotFoundException.class)
	ResponseEntity<Object> userNotFound(UserNotFoundException ex) {
		return problem(ApiProblem.NOT_FOUND, "No user has this username");
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<Object> constraintViolation(ConstraintViolationException ex) {
		List<FieldProblem> errors = ex.getConstraintViolations()
			.stream()
			.map((violation) -> new FieldProblem(lastNode(violation.getPropertyPath().toString()),
					violation.getMessage()))
			.toList();
		return validationFailed(errors);
	}

	/**
	 * Parameters refused only when a handler reads them: by Spring Security's firewall (a name
	 * with a control or unassigned character) or by Tomcat (a parameter without a name). Bad
	 * input, not an unexpected error.
	 */
	@ExceptionHandler({ RequestRejectedException.class, InvalidParameterException.class })
	ResponseEntity<Object> requestRejected(Exception ex) {
		return problem(ApiProblem.INVALID_REQUEST, "The request is malformed");
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex) {
		logger.error("Unexpected error", ex);
		return problem(ApiProblem.INTERNAL_ERROR, "The server could not answer this request");
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return validationFailed(fieldProblems(ex.getBindingResult()));
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> new FieldProblem(parameterName(result), error.getDefaultMessage())))
			.toList();
		return validationFailed(errors);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex instanceof MethodArgumentTypeMismatchException mismatch) ? mismatch.getName()
				: ex.getPropertyName();
		return validationFailed(
				List.of(new FieldProblem(snakeCase((name != null) ? name : "parameter"), "has the wrong type")));
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return validationFailed(List.of(new FieldProblem(snakeCase(ex.getParameterName()), "is required")));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof RequestSizeLimitFilter.BodyTooLargeException) {
				return problem(ApiProblem.PAYLOAD_TOO_LARGE, RequestSizeLimitFilter.tooLarge());
			}
		}
		return problem(ApiProblem.MALFORMED_REQUEST, "The request body is missing or is not valid JSON");
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ApiProblem kind = ApiProblem.forStatus(statusCode.value());
		if (kind == ApiProblem.INVALID_REQUEST) {
			// what Spring MVC answers with 400 here is a missing or mistyped parameter
			kind = ApiProblem.VALIDATION_FAILED;
		}
		String detail = kind.title();
		if (ex instanceof HttpRequestMethodNotSupportedException notSupported) {
			detail = "The method " + notSupported.getMethod() + " is not allowed here";
		}
		else if (ex instanceof HttpMediaTypeNotSupportedException) {
			detail = "The content type must be application/json";
		}
		ProblemDetail problem = kind.toProblemDetail(detail);
		problem.setStatus(statusCode.value());
		return ResponseEntity.status(statusCode).headers(headers).body(problem);
	}

	private ResponseEntity<Object> validationFailed(List<FieldProblem> errors) {
		List<FieldProblem> sorted = errors.stream()
			.sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::detail))
			.toList();
		String fields = String.join(", ", sorted.stream().map(FieldProblem::field).distinct().toList());
		ProblemDetail problem = ApiProblem.VALIDATION_FAILED.toProblemDetail("Invalid fields: " + fields);
		problem.setProperty("errors", sorted);
		return ResponseEntity.status(problem.getStatus()).body(problem);
	}

	private static ResponseEntity<Object> invalidToken(String description) {
		ProblemDetail problem = ApiProblem.INVALID_TOKEN.toProblemDetail(description);
		return ResponseEntity.status(problem.getStatus())
			.header(HttpHeaders.WWW_AUTHENTICATE, BearerChallenge.invalidToken(description))
			.body(problem);
	}

	private static ResponseEntity<Object> problem(ApiProblem kind, String detail) {
		return ResponseEntity.status(kind.status()).body(kind.toProblemDetail(detail));
	}

	private static List<FieldProblem> fieldProblems(BindingResult result) {
		return result.getFieldErrors()
			.stream()
			.map((error) -> new FieldProblem(snakeCase(error.getField()), error.getDefaultMessage()))
			.toList();
	}

	private static String parameterName(ParameterValidationResult result) {
		String name = result.getMethodParameter().getParameterName();
		return (name != null) ? snakeCase(name) : "parameter";
	}

	private static String lastNode(String path) {
		return snakeCase(path.substring(path.lastIndexOf('.') + 1));
	}

	/** Field names as the client wrote them: the JSON bodies are snake_case. */
	static String snakeCase(String name) {
		return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
	}

	/**
	 * One failing field.
	 *
	 * @param field the field as named in the request
	 * @param detail what is wrong with it
	 */
	record FieldProblem(String field, String detail) {
	}

}
