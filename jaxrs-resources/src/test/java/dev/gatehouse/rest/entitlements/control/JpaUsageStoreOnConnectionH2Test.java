package dev.gatehouse.rest.entitlements.control;

import dev.gatehouse.rest.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link JpaUsageStore#on}, the store on a connection in a local JDBC transaction, on H2 in PostgreSQL mode. */
class JpaUsageStoreOnConnectionH2Test extends JpaUsageStoreContract {

    private static TestDatabase db;

    @BeforeAll
    static void open() {
        db = TestDatabase.h2();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Override
    TestDatabase database() {
        return db;
    }

    @Override
    boolean onConnection() {
        return true;
    }
}
