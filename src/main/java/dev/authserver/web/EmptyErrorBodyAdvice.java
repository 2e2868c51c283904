package dev.authserver.web;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import dev.authserver.problem.ApiProblem;

/**
 * Gives an error that a handler answered without a body, such as actuator's bare 404 for an
 * unknown health component, the problem body of every other error (the error table in the
 * README).
 */
@RestControllerAdvice
class EmptyErrorBodyAdvice implements ResponseBodyAdvice<Object> {

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
			Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
			ServerHttpResponse response) {
		if (body != null || !(response instanceof ServletServerHttpResponse servlet)
				|| servlet.getServletResponse().getStatus() < 400) {
			return body;
		}
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return ApiProblem.ofStatus(servlet.getServletResponse().getStatus());
	}

}
