package dev.gatehouse.rest.mcp.control;

import dev.gatehouse.rest.testing.TestDatabase;
import dev.gatehouse.rest.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;

/** {@link GatewayRecords} on a fresh PostgreSQL database: skipped when none is reachable, a failure then with {@code CI=true}. */
class GatewayRecordsPostgresTest extends GatewayRecordsContract {

    private static final TestDatabases DATABASES = new TestDatabases();

    @AfterAll
    static void close() {
        DATABASES.close();
    }

    @Override
    TestDatabase database() {
        return DATABASES.postgres();
    }
}
