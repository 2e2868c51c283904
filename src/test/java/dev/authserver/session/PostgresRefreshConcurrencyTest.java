package dev.authserver.session;

import dev.authserver.support.PostgresIntegrationTest;

/** {@link RefreshConcurrencyTest} on a real PostgreSQL. */
@PostgresIntegrationTest
class PostgresRefreshConcurrencyTest extends RefreshConcurrencyTest {

}
