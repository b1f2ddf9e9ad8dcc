package dev.gatehouse.rest.mcp.control;

import dev.gatehouse.rest.testing.TestDatabase;
import dev.gatehouse.rest.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;

/** {@link GatewayRecords} on H2 in PostgreSQL mode, the embedded default database. */
class GatewayRecordsH2Test extends GatewayRecordsContract {

    private static final TestDatabases DATABASES = new TestDatabases();

    @AfterAll
    static void close() {
        DATABASES.close();
    }

    @Override
    TestDatabase database() {
        return DATABASES.h2();
    }
}
