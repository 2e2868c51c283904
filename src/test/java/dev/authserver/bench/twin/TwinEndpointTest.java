package dev.authserver.bench.twin;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import dev.authserver.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's permit-all twin exists in the {@code bench} profile only. */
@IntegrationTest
class TwinEndpointTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	ApplicationContext context;

	@Test
	void twinWhenBenchProfileNotActiveThenNotFound() {
		assertThat(this.context.getBeanNamesForType(TwinController.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(TwinProperties.class)).isEmpty();
		assertThat(this.mvc.get().uri("/bench/me")).hasStatus(HttpStatus.NOT_FOUND);
	}

}
