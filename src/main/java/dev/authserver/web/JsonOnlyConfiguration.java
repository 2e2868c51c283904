package dev.authserver.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.accept.FixedContentNegotiationStrategy;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every answer is JSON, whatever the {@code Accept} header asks for. A client asking for
 * HTML would otherwise get a 406 only after a signup or login had already been carried out.
 */
@Configuration(proxyBeanMethods = false)
class JsonOnlyConfiguration implements WebMvcConfigurer {

	@Override
	public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
		configurer.strategies(java.util.List.of(new FixedContentNegotiationStrategy(MediaType.APPLICATION_JSON)));
	}

}
