package dev.authserver.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import dev.authserver.problem.ProblemResponseWriter;

/**
 * The body size limit, first of all filters, then the refusal of a wildcard content type, then
 * the client address that every later step counts and records.
 */
@Configuration(proxyBeanMethods = false)
class WebFilterConfiguration {

	@Bean
	FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(ProblemResponseWriter writer) {
		FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestSizeLimitFilter(writer));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	FilterRegistrationBean<WildcardContentTypeFilter> wildcardContentTypeFilter(ProblemResponseWriter writer) {
		FilterRegistrationBean<WildcardContentTypeFilter> registration = new FilterRegistrationBean<>(
				new WildcardContentTypeFilter(writer));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	@Bean
	FilterRegistrationBean<ClientAddressFilter> clientAddressFilter(ClientProperties properties) {
		FilterRegistrationBean<ClientAddressFilter> registration = new FilterRegistrationBean<>(
				new ClientAddressFilter(properties));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

}
