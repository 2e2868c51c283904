package dev.authserver.throttle;

import dev.authserver.support.PostgresIntegrationTest;

/** {@link LockoutConcurrencyTest} on a real PostgreSQL. */
@PostgresIntegrationTest
class PostgresLockoutConcurrencyTest extends LockoutConcurrencyTest {

}
