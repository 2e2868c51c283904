package dev.authserver.session;

import dev.authserver.support.PostgresIntegrationTest;

/** {@link SessionHousekeepingTest} on a real PostgreSQL. */
@PostgresIntegrationTest
class PostgresSessionHousekeepingTest extends SessionHousekeepingTest {

}
