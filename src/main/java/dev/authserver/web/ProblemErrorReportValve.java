package dev.authserver.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.http.MediaType;

import dev.authserver.problem.ApiProblem;
import dev.authserver.problem.ProblemResponseWriter;

/**
 * Tomcat's last word on an error nobody else answered, such as a request line it cannot
 * parse or headers over its limit: the same problem body as everywhere else, instead of
 * Tomcat's HTML page.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		if (status == 400 && isHeaderTooLarge(throwable)) {
			// RFC 6585 section 5 has a status of its own for this
			status = 431;
			response.setStatus(status);
			// Tomcat closes the connection after it either way, but announces the close only for
			// a 400: without the header a keep-alive client sends its next request into the void
			response.setHeader("Connection", "close");
		}
		byte[] body = ProblemResponseWriter.toJson(ApiProblem.ofStatus(status));
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setHeader("X-Content-Type-Options", "nosniff");
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(new String(body, StandardCharsets.UTF_8));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the connection is gone or the response already committed: nothing more to say
		}
	}

	private static boolean isHeaderTooLarge(Throwable throwable) {
		for (Throwable cause = throwable; cause != null; cause = cause.getCause()) {
			String message = String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT);
			if (message.contains("header") && message.contains("too large")) {
				return true;
			}
		}
		return false;
	}

}
