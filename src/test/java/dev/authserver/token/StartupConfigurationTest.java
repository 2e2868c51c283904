package dev.authserver.token;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.authserver.AuthServerApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/** Bad token settings stop the server at startup with one clear line that never shows the secret. */
@ExtendWith(OutputCaptureExtension.class)
class StartupConfigurationTest {

	@Test
	void startWhenSecretTooShortThenFailsNamingTheProperty(CapturedOutput output) {
		// 16 bytes: too short for HS256
		assertStartFails("--auth.jwt.secret=MDEyMzQ1Njc4OWFiY2RlZg==");
		assertThat(output).contains("auth.jwt.secret").contains("at least 32 bytes").doesNotContain("MDEyMzQ1Njc4OWFiY2RlZg");
	}

	@Test
	void startWhenSecretNotBase64ThenFailsNamingTheProperty(CapturedOutput output) {
		assertStartFails("--auth.jwt.secret=this is not base64 at all!!!!!!!!!!!!!!!!!!!!");
		assertThat(output).contains("auth.jwt.secret").contains("must be base64").doesNotContain("not base64 at all");
	}

	@Test
	void startWhenLifetimeNotPositiveThenFailsNamingTheProperty(CapturedOutput output) {
		assertStartFails("--auth.jwt.secret=dGVzdC1vbmx5LWtleS10ZXN0LW9ubHkta2V5LXRlc3Qtb25seS1rZXk=",
				"--auth.jwt.access-token-ttl=0s");
		assertThat(output).contains("auth.jwt.access-token-ttl").contains("must be positive");
	}

	@Test
	void startWhenCorsOriginWildcardThenFailsNamingTheProperty(CapturedOutput output) {
		assertStartFails("--auth.jwt.secret=dGVzdC1vbmx5LWtleS10ZXN0LW9ubHkta2V5LXRlc3Qtb25seS1rZXk=",
				"--auth.cors.allowed-origins=https://app.example.com,*");
		assertThat(output).contains("auth.cors.allowed-origins").contains("wildcard");
	}

	@Test
	void startWhenEventsMaxWaitOverFiveMinutesThenFailsNamingTheProperty(CapturedOutput output) {
		assertStartFails("--auth.jwt.secret=dGVzdC1vbmx5LWtleS10ZXN0LW9ubHkta2V5LXRlc3Qtb25seS1rZXk=",
				"--auth.events.max-wait=6m");
		assertThat(output).contains("auth.events.max-wait");
	}

	@Test
	void startWhenPasswordMinimumUnderEightThenFailsNamingTheProperty(CapturedOutput output) {
		assertStartFails("--auth.jwt.secret=dGVzdC1vbmx5LWtleS10ZXN0LW9ubHkta2V5LXRlc3Qtb25seS1rZXk=",
				"--auth.password.min-length=7");
		assertThat(output).contains("auth.password.min-length");
	}

	@Test
	void startWhenServiceClientSecretShortOrIdTwiceThenFailsNamingTheProperty(CapturedOutput output) {
		String secret = "--auth.jwt.secret=dGVzdC1vbmx5LWtleS10ZXN0LW9ubHkta2V5LXRlc3Qtb25seS1rZXk=";
		assertStartFails(secret, "--auth.services[0].id=orders", "--auth.services[0].secret=short-one");
		assertThat(output).contains("Invalid auth.services[0].secret").doesNotContain("short-one");
		assertStartFails(secret, "--auth.services[0].id=orders", "--auth.services[0].secret=orders-secret-0123456789",
				"--auth.services[1].id=orders", "--auth.services[1].secret=other-secret-0123456789");
		assertThat(output).contains("Invalid auth.services[1].id").doesNotContain("other-secret-0123456789");
	}

	@Test
	void startWhenPrivateKeyOfAnotherCurveThenFailsNamingThePropertyNeverTheKey(CapturedOutput output)
			throws Exception {
		java.security.KeyPairGenerator p384 = java.security.KeyPairGenerator.getInstance("EC");
		p384.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
		String pem = PemKeys.pem(p384.generateKeyPair().getPrivate());
		assertStartFails("--auth.jwt.secret=dGVzdC1vbmx5LWtleS10ZXN0LW9ubHkta2V5LXRlc3Qtb25seS1rZXk=",
				"--auth.jwt.algorithm=ES256", "--auth.jwt.keys[0].id=k1", "--auth.jwt.keys[0].private-key=" + pem);
		String body = pem.lines().skip(1).findFirst().orElseThrow();
		assertThat(output).contains("Invalid auth.jwt.keys[0].private-key").doesNotContain(body);
	}

	private static void assertStartFails(String... extra) {
		String[] args = new String[extra.length + 3];
		args[0] = "--spring.datasource.url=jdbc:h2:mem:startup-" + System.nanoTime();
		args[1] = "--server.port=0";
		args[2] = "--spring.main.banner-mode=off";
		System.arraycopy(extra, 0, args, 3, extra.length);
		assertThatException().isThrownBy(() -> SpringApplication.run(AuthServerApplication.class, args).close());
	}

}
