package dev.authserver.web;

import java.util.List;

import jakarta.validation.ConstraintViolationException;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;

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

import dev.authserver.problem.ApiProblem;
import dev.authserver.problem.FieldProblem;
import dev.authserver.problem.ProblemException;

/**
 * The one home of errors raised in controllers: Spring MVC's own (through
 * {@link ResponseEntityExceptionHandler}) and every {@link ProblemException}, all written as
 * RFC 9457 problems with a stable {@code code} (the error table in the README). Details never
 * echo exception messages of the framework, which could carry class names, SQL or token
 * contents.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ApiExceptionHandler.class);

	/** A problem the domain names itself: its status, body and headers as it says. */
	@ExceptionHandler(ProblemException.class)
	ResponseEntity<Object> problem(ProblemException ex) {
		ProblemDetail problem = ex.toProblemDetail();
		return ResponseEntity.status(problem.getStatus()).headers(ex.getHeaders()).body(problem);
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

	/**
	 * The database cannot be reached or did not answer in time: 503 with {@code Retry-After},
	 * logged at debug only, since the revocation poll says once that the database is gone and
	 * once that it is back (docs/operations.md). Any other error is unexpected: 500, logged.
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex) {
		if (DatabaseUnavailable.causes(ex)) {
			logger.debug("The database is unavailable", ex);
			ProblemDetail problem = ApiProblem.SERVICE_UNAVAILABLE
				.toProblemDetail("The database cannot be reached for now; try again shortly");
			return ResponseEntity.status(problem.getStatus()).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
		}
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
			if (cause instanceof InvalidFormatException mismatch && fieldOf(mismatch) != null) {
				// valid JSON, a scalar of the wrong type in a field: no number or boolean is taken for text
				return validationFailed(List.of(new FieldProblem(fieldOf(mismatch), expected(mismatch.getTargetType()))));
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
		ProblemDetail problem = FieldProblem.validationFailed(errors);
		return ResponseEntity.status(problem.getStatus()).body(problem);
	}

	private static ResponseEntity<Object> problem(ApiProblem kind, String detail) {
		return ResponseEntity.status(kind.status()).body(kind.toProblemDetail(detail));
	}

	/** The outermost property the mismatch lies in, as named in the body, or {@code null}. */
	private static String fieldOf(InvalidFormatException mismatch) {
		return mismatch.getPath()
			.stream()
			.map(JacksonException.Reference::getPropertyName)
			.filter((name) -> name != null)
			.findFirst()
			.orElse(null);
	}

	private static String expected(Class<?> type) {
		if (type == String.class) {
			return "must be a string";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "must be true or false";
		}
		return "has the wrong type";
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

}
