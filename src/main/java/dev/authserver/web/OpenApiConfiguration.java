package dev.authserver.web;

import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs}: the bearer scheme of RFC 6750 on every
 * endpoint that takes an access token, HTTP Basic on introspection and the event feed, nothing on the public
 * ones, and the problem responses (RFC 9457) each endpoint can give, so that a generated
 * client knows both.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String BEARER = "bearer";

	static final String SERVICE_CLIENT = "serviceClient";

	private static final String PROBLEM = "Problem";

	/** The endpoints that take no access token: credentials or a refresh token in the body. */
	private static final Set<String> PUBLIC = Set.of("/api/auth/signup", "/api/auth/login", "/api/auth/refresh",
			"/api/auth/logout");

	/**
	 * Introspection (RFC 7662 section 2.1) and the event feed (docs/revocation.md), for service
	 * clients with HTTP Basic.
	 */
	private static final Set<String> SERVICE_CLIENTS = Set.of("/api/auth/introspect", "/api/events/poll");

	/** Form endpoints. */
	private static final Set<String> FORMS = Set.of("/api/auth/introspect", "/api/auth/revoke");

	/** Revocation: the token is the authority (RFC 7009 section 2.1). */
	private static final String REVOKE = "/api/auth/revoke";

	/** Keys and metadata, for anyone. */
	private static final String WELL_KNOWN = "/.well-known/";

	@Bean
	OpenApiCustomizer bearerAndProblems() {
		return (openApi) -> {
			Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
			components.addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT"));
			components.addSchemas(PROBLEM, problemSchema());
			openApi.setComponents(components);
			if (openApi.getPaths() == null) {
				return;
			}
			components.addSecuritySchemes(SERVICE_CLIENT, new SecurityScheme().type(SecurityScheme.Type.HTTP)
				.scheme("basic")
				.description("A service client of auth.services[n]: its id and secret"));
			openApi.getPaths().forEach((path, item) -> item.readOperations().forEach((operation) -> {
				if (path.startsWith(WELL_KNOWN)) {
					return;
				}
				problem(operation, "400", "The request is malformed or a field is not valid");
				if (FORMS.contains(path)) {
					problem(operation, "413", "The form is larger than the server reads");
					problem(operation, "415", "The body is not application/x-www-form-urlencoded");
				}
				if (SERVICE_CLIENTS.contains(path)) {
					operation.addSecurityItem(new SecurityRequirement().addList(SERVICE_CLIENT));
					problem(operation, "401", "The client credentials are missing or wrong (invalid_client)");
				}
				else if (path.equals(REVOKE)) {
					problem(operation, "429", "Too many attempts; see Retry-After");
				}
				else if (PUBLIC.contains(path)) {
					problem(operation, "401", "Wrong credentials, or an invalid refresh token");
					problem(operation, "429", "Too many attempts; see Retry-After");
				}
				else {
					operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
					problem(operation, "401", "The access token is missing or invalid");
					problem(operation, "403", "The access token lacks the role this needs");
				}
			}));
		};
	}

	private static void problem(Operation operation, String status, String description) {
		if (operation.getResponses() != null && !operation.getResponses().containsKey(status)) {
			operation.getResponses()
				.addApiResponse(status, new ApiResponse().description(description)
					.content(new Content().addMediaType("application/problem+json",
							new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
		}
	}

	private static Schema<?> problemSchema() {
		ObjectSchema error = new ObjectSchema();
		error.setProperties(Map.of("field", new StringSchema(), "detail", new StringSchema()));
		ObjectSchema problem = new ObjectSchema();
		problem.description("An RFC 9457 problem with a stable machine-readable code");
		problem.setProperties(Map.of("type", new StringSchema(), "title", new StringSchema(), "status",
				new IntegerSchema(), "detail", new StringSchema(), "code", new StringSchema(), "errors",
				new ArraySchema().items(error)));
		return problem;
	}

}
