package dev.authserver.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.authserver.problem.ApiProblem;

/**
 * Answers the container's error dispatch (errors raised before or outside Spring MVC,
 * such as a request the firewall rejects) with the same problem body as everything else,
 * keeping the status it was given.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		// a direct request for the error path is a request for nothing
		int status = (code instanceof Integer value && value >= 400 && value < 600) ? value : 404;
		return ResponseEntity.status(status).body(ApiProblem.ofStatus(status));
	}

}
