package dev.gatehouse.rest.mcp.control;

import dev.gatehouse.rest.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link UpstreamStore} on H2 in PostgreSQL mode, the embedded default database. */
class UpstreamStoreH2Test extends UpstreamStoreContract {

    private static TestDatabase db;

    @BeforeAll
    static void open() {
        db = TestDatabase.h2();
    }

    @AfterAll
    static void close() {
        if (db != null) {
            db.close();
        }
    }

    @Override
    TestDatabase database() {
        return db;
    }
}
