package dev.authserver.security;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import dev.authserver.support.Api;
import dev.authserver.support.Api.Tokens;
import dev.authserver.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves what docs/architecture.md says: an authenticated request takes no database connection
 * at all, so it cannot read the database.
 */
@IntegrationTest
@Import(NoDatabaseOnRequestPathTest.CountingDataSourceConfiguration.class)
class NoDatabaseOnRequestPathTest {

	@Autowired
	private Api api;

	@Autowired
	private CountingDataSource dataSource;

	@Test
	void meWhenAuthenticatedThenNoDatabaseConnectionTaken() {
		Tokens tokens = this.api.signup();
		this.dataSource.counted = Thread.currentThread();
		int before = this.dataSource.connections.get();
		for (int i = 0; i < 50; i++) {
			assertThat(this.api.get("/api/me", tokens.accessToken())).hasStatusOk();
		}
		assertThat(this.dataSource.connections.get() - before).isZero();
	}

	@Test
	void countingWhenLoginThenConnectionsAreCounted() {
		// the control: the counter does see the requests that must use the database
		this.dataSource.counted = Thread.currentThread();
		int before = this.dataSource.connections.get();
		this.api.signup();
		assertThat(this.dataSource.connections.get() - before).isPositive();
	}

	/**
	 * A data source that counts the connections handed out to the test's own thread, on
	 * which MockMvc runs each request; the background revocation poll is not counted.
	 */
	static class CountingDataSource extends DelegatingDataSource {

		final AtomicInteger connections = new AtomicInteger();

		volatile Thread counted = Thread.currentThread();

		CountingDataSource(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			count();
			return super.getConnection();
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			count();
			return super.getConnection(username, password);
		}

		private void count() {
			if (Thread.currentThread() == this.counted) {
				this.connections.incrementAndGet();
			}
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class CountingDataSourceConfiguration {

		@Bean
		static BeanPostProcessor countingDataSourcePostProcessor() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					return (bean instanceof DataSource dataSource && !(bean instanceof CountingDataSource))
							? new CountingDataSource(dataSource) : bean;
				}
			};
		}

	}

}
