package dev.authserver.web;

import java.util.List;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The JSON mapper of the web layer with tight read limits (docs/security.md): our bodies are
 * flat objects of short strings, so deep nesting, long numbers and long names are refused
 * as unreadable (400) before any object is built. Types are taken as written: a number or a
 * boolean is never turned into a string, nor a string or a number into a boolean, so that
 * {@code {"username": 123}} is a field of the wrong type (400 {@code validation_failed}). Boot's
 * own customizers (naming strategy, features) are applied on top.
 */
@Configuration(proxyBeanMethods = false)
class JsonLimitsConfiguration {

	static final int MAX_NESTING_DEPTH = 16;

	@Bean
	JsonMapper jsonMapper(List<JsonMapperBuilderCustomizer> customizers) {
		StreamReadConstraints limits = StreamReadConstraints.builder()
			.maxNestingDepth(MAX_NESTING_DEPTH)
			.maxNumberLength(32)
			.maxNameLength(256)
			.maxStringLength(RequestSizeLimitFilter.MAX_BODY_BYTES)
			.build();
		JsonMapper.Builder builder = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(limits).build())
			.withCoercionConfig(LogicalType.Textual,
					(text) -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Boolean,
					(bool) -> bool.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail));
		customizers.forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

}
