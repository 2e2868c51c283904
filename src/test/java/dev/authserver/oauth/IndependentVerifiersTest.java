package dev.authserver.oauth;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import dev.authserver.support.Instances;
import dev.authserver.support.NimbusEdDsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Our access tokens checked by a verifier we did not write (docs/tokens.md): Spring Security's
 * resource-server decoder, configured once from the JWK Set URI and once from the issuer URL
 * alone, against a running server, accepts access tokens and refuses refresh tokens, for
 * EdDSA and ES256. The settings it needs on its side are the ones docs/tokens.md names:
 * the RFC 9068 validator for {@code typ: at+jwt}, and for EdDSA {@link NimbusEdDsa}.
 */
class IndependentVerifiersTest {

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(strings = { "EdDSA", "ES256" })
	void resourceServerWhenConfiguredFromJwksOrIssuerThenAcceptsAccessAndRefusesRefreshTokens(String algorithm)
			throws Exception {
		int port = freePort();
		String issuer = "http://127.0.0.1:" + port;
		try (ConfigurableApplicationContext server = Instances.start(List.of("server.port=" + port,
				"auth.jwt.issuer=" + issuer, "auth.jwt.algorithm=" + algorithm,
				"auth.jwt.key-file=" + this.dir.resolve("jwt-signing.key"),
				"spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"))) {
			HttpResponse<String> signup = Instances.post(server, "/api/auth/signup", null,
					"{\"username\":\"verified-" + algorithm.toLowerCase() + "\",\"password\":\"correct horse battery staple\"}");
			assertThat(signup.statusCode()).isEqualTo(201);
			HttpResponse<String> metadata = Instances.get(server, "/.well-known/oauth-authorization-server", null);
			assertThat(JsonPath.<String>read(metadata.body(), "$.jwks_uri")).isEqualTo(issuer + "/.well-known/jwks.json");
			assertThat(metadata.headers().firstValue("Cache-Control")).hasValueSatisfying(
					(cache) -> assertThat(cache).contains("public"));
			String access = JsonPath.read(signup.body(), "$.access_token");
			String refresh = JsonPath.read(signup.body(), "$.refresh_token");

			NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder fromJwks = NimbusJwtDecoder
				.withJwkSetUri(issuer + "/.well-known/jwks.json");
			if ("EdDSA".equals(algorithm)) {
				fromJwks.jwtProcessorCustomizer(NimbusEdDsa.customizer());
			}
			else {
				fromJwks.jwsAlgorithm(SignatureAlgorithm.ES256);
			}
			NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder fromIssuer = NimbusJwtDecoder.withIssuerLocation(issuer);
			if ("EdDSA".equals(algorithm)) {
				// the builder discovers algorithms from RSA and EC keys only: naming one skips that
				fromIssuer.jwtProcessorCustomizer(NimbusEdDsa.customizer()).jwsAlgorithm(SignatureAlgorithm.ES256);
			}
			for (NimbusJwtDecoder decoder : List.of(fromJwks.build(), fromIssuer.build())) {
				// the default validators accept typ JWT only: RFC 9068's at+jwt is refused
				assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder.decode(access))
					.withMessageContaining("typ");
				decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(new JwtTypeValidator("at+jwt"),
						new JwtIssuerValidator(issuer), new JwtAudienceValidator("api")));

				Jwt jwt = decoder.decode(access);
				assertThat(jwt.getHeaders()).containsEntry("alg", algorithm).containsEntry("typ", "at+jwt");
				assertThat(jwt.getClaimAsString("preferred_username")).isEqualTo("verified-" + algorithm.toLowerCase());
				assertThat(jwt.getIssuer().toString()).isEqualTo(issuer);
				assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(refresh));
				int signature = access.lastIndexOf('.') + 1;
				String tampered = access.substring(0, signature) + ((access.charAt(signature) == 'A') ? 'B' : 'A')
						+ access.substring(signature + 1);
				assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(tampered));
			}
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
