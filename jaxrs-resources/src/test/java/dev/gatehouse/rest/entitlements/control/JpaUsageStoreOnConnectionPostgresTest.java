package dev.gatehouse.rest.entitlements.control;

import dev.gatehouse.rest.testing.TestDatabase;
import dev.gatehouse.rest.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;

/** {@link JpaUsageStore#on}, the store on a connection in a local JDBC transaction, on a fresh PostgreSQL database (skipped when none is reachable, a failure then with {@code CI=true}). */
class JpaUsageStoreOnConnectionPostgresTest extends JpaUsageStoreContract {

    private static final TestDatabases DATABASES = new TestDatabases();

    @AfterAll
    static void close() {
        DATABASES.close();
    }

    @Override
    TestDatabase database() {
        return DATABASES.postgres();
    }

    @Override
    boolean onConnection() {
        return true;
    }
}
