package dev.authserver.admin;

import dev.authserver.support.PostgresIntegrationTest;

/** {@link AdminEventsTest} on PostgreSQL. */
@PostgresIntegrationTest
class PostgresAdminEventsTest extends AdminEventsTest {

}
