package dev.authserver.problem;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Writes a problem straight to the servlet response, for what answers before Spring MVC does:
 * the security filter chains of the server and of the verifier library. Same body as the
 * server's exception handler writes.
 */
@Component
public class ProblemResponseWriter {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getOutputStream().write(toJson(problem));
	}

	/** The problem as JSON, for writers that have no servlet response (Tomcat's valve, CORS). */
	public static byte[] toJson(ProblemDetail problem) {
		return mapper.writeValueAsBytes(toMap(problem));
	}

	static Map<String, Object> toMap(ProblemDetail problem) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.getType().toString());
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		if (problem.getInstance() != null) {
			body.put("instance", problem.getInstance().toString());
		}
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		return body;
	}

}
