package dev.authserver.verifier;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/** A setting the library cannot work with stops the start, naming the property and never a secret. */
class VerifierSettingsTest {

	private static final String SECRET = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

	private static final String SHORT_SECRET = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes());

	private static final List<String> FEED = List.of("auth.verifier.events-uri=http://127.0.0.1:9/api/events/poll",
			"auth.verifier.client-id=orders", "auth.verifier.client-secret=orders-secret");

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(VerifierAutoConfiguration.class, SecurityAutoConfiguration.class,
					ServletWebSecurityAutoConfiguration.class));

	static Stream<Arguments> badSettings() {
		return Stream.of(Arguments.of("auth.verifier.jwk-set-uri", with()),
				Arguments.of("auth.verifier.secret",
						with("auth.verifier.secret=" + SECRET, "auth.verifier.jwk-set-uri=http://127.0.0.1:9/jwks.json")),
				Arguments.of("auth.verifier.secret", with("auth.verifier.secret=" + SHORT_SECRET)),
				Arguments.of("auth.verifier.secret", with("auth.verifier.secret=not base64!")),
				Arguments.of("auth.verifier.algorithm", with("auth.verifier.jwk-set-uri=http://127.0.0.1:9/jwks.json")),
				Arguments.of("auth.verifier.algorithm",
						with("auth.verifier.jwk-set-uri=http://127.0.0.1:9/jwks.json", "auth.verifier.algorithm=HS256")),
				Arguments.of("auth.verifier.algorithm", with("auth.verifier.secret=" + SECRET, "auth.verifier.algorithm=EdDSA")),
				Arguments.of("auth.verifier.jwk-set-uri",
						with("auth.verifier.jwk-set-uri=file:///etc/jwks.json", "auth.verifier.algorithm=EdDSA")),
				Arguments.of("auth.verifier.encryption-key",
						with("auth.verifier.secret=" + SECRET, "auth.verifier.encryption-key=" + SHORT_SECRET)),
				Arguments.of("auth.verifier.max-staleness",
						with("auth.verifier.secret=" + SECRET, "auth.verifier.max-staleness=0s")),
				Arguments.of("auth.verifier.issuer", with("auth.verifier.secret=" + SECRET, "auth.verifier.issuer= ")),
				Arguments.of("auth.verifier.events-uri", List.of("auth.verifier.secret=" + SECRET,
						"auth.verifier.client-id=orders", "auth.verifier.client-secret=orders-secret")),
				Arguments.of("auth.verifier.events-uri", List.of("auth.verifier.secret=" + SECRET,
						"auth.verifier.events-uri=ftp://127.0.0.1/poll", "auth.verifier.client-id=orders",
						"auth.verifier.client-secret=orders-secret")),
				Arguments.of("auth.verifier.client-id", List.of("auth.verifier.secret=" + SECRET,
						"auth.verifier.events-uri=http://127.0.0.1:9/api/events/poll",
						"auth.verifier.client-secret=orders-secret")),
				Arguments.of("auth.verifier.client-secret", List.of("auth.verifier.secret=" + SECRET,
						"auth.verifier.events-uri=http://127.0.0.1:9/api/events/poll", "auth.verifier.client-id=orders")));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("badSettings")
	void startWhenSettingBadThenFailsNamingTheProperty(String property, List<String> settings) {
		this.runner.withPropertyValues(settings.toArray(String[]::new)).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidVerifierSettingsException.class)
				.hasMessageStartingWith("Invalid " + property + ": ")
				.message()
				.doesNotContain(SECRET)
				.doesNotContain(SHORT_SECRET)
				.doesNotContain("orders-secret");
		});
	}

	@Test
	void startWhenSettingsGoodThenVerifierReady() {
		this.runner.withPropertyValues(with("auth.verifier.secret=" + SECRET).toArray(String[]::new))
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(AccessTokenSecurity.class));
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void startWhenSecretTooShortThenOneLineNamesThePropertyAndNotTheSecret(CapturedOutput output) {
		SpringApplication application = new SpringApplication(TestApplication.class);
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--auth.verifier.secret=" + SHORT_SECRET));
		FEED.forEach((setting) -> arguments.add("--" + setting));
		assertThatException().isThrownBy(() -> application.run(arguments.toArray(String[]::new)));
		assertThat(output).contains("Invalid auth.verifier.secret: the key must decode to at least 32 bytes, it has 16")
			.contains("Fix auth.verifier.secret")
			.doesNotContain(SHORT_SECRET);
	}

	private static List<String> with(String... settings) {
		List<String> all = new ArrayList<>(FEED);
		all.addAll(List.of(settings));
		return all;
	}

}
