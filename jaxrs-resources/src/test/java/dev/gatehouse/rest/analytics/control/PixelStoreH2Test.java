package dev.gatehouse.rest.analytics.control;

import dev.gatehouse.rest.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The pixel's stores on H2 in PostgreSQL mode, the embedded default database. */
class PixelStoreH2Test extends PixelStoreContract {

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
}
