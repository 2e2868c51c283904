package dev.authserver.session;

import dev.authserver.support.PostgresIntegrationTest;

/** {@link SessionEndpointsTest} on a real PostgreSQL. */
@PostgresIntegrationTest
class PostgresSessionEndpointsTest extends SessionEndpointsTest {

}
