package dev.authserver.session;

import dev.authserver.support.PostgresIntegrationTest;

/** {@link RefreshWithoutGraceConcurrencyTest} on a real PostgreSQL. */
@PostgresIntegrationTest
class PostgresRefreshWithoutGraceConcurrencyTest extends RefreshWithoutGraceConcurrencyTest {

}
