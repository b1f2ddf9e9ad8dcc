package dev.gatehouse.rest.seo.control;

import dev.gatehouse.rest.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link SeoStore} on H2 in PostgreSQL mode, the embedded default database. */
class SeoStoreH2Test extends SeoStoreContract {

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
