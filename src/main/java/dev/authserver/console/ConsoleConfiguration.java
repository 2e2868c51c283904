package dev.authserver.console;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The console's static files, from the jar, under {@code /console/}: revalidated on each use
 * (their names carry no version), and every answer under the path with the console's
 * Content-Security-Policy.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration implements WebMvcConfigurer {

	static final String PATH = "/console";

	static final String LOCATION = "static/console/";

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler(PATH + "/**")
			.addResourceLocations("classpath:/" + LOCATION)
			.setCacheControl(CacheControl.noCache());
	}

	@Bean
	FilterRegistrationBean<ConsoleHeadersFilter> consoleHeadersFilter() {
		FilterRegistrationBean<ConsoleHeadersFilter> registration = new FilterRegistrationBean<>(
				new ConsoleHeadersFilter());
		// the servlet pattern /console/* matches /console itself too
		registration.addUrlPatterns(PATH + "/*");
		return registration;
	}

}
