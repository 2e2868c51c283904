package dev.authserver.oauth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;

import dev.authserver.problem.ApiProblem;
import dev.authserver.problem.ProblemException;

/**
 * A form of introspection or revocation that does not say one thing once: 400
 * {@code invalid_request} (RFC 7662 section 2.1, RFC 7009 section 2.1, RFC 6749 section 3.1).
 */
class InvalidTokenRequestException extends ProblemException {

	InvalidTokenRequestException(String detail) {
		super(ApiProblem.INVALID_REQUEST, detail);
	}

	/**
	 * The value of a parameter of the form body, or {@code null} without one. A value in the
	 * query string is refused, so that a token never lands in access logs, and so is a parameter
	 * given twice, which the servlet API would otherwise join with a comma.
	 */
	static String formValue(HttpServletRequest request, String name) {
		String query = request.getQueryString();
		if (query != null) {
			for (String pair : query.split("&")) {
				int equals = pair.indexOf('=');
				String key = (equals < 0) ? pair : pair.substring(0, equals);
				String decoded;
				try {
					decoded = URLDecoder.decode(key, StandardCharsets.UTF_8);
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidTokenRequestException("The query string is not valid URL encoding");
				}
				if (decoded.equals(name)) {
					throw new InvalidTokenRequestException("The " + name + " parameter belongs in the form body, not the URL");
				}
			}
		}
		String[] values = request.getParameterValues(name);
		if (values == null) {
			return null;
		}
		if (values.length > 1) {
			throw new InvalidTokenRequestException("The " + name + " parameter must appear once");
		}
		return values[0];
	}

}
