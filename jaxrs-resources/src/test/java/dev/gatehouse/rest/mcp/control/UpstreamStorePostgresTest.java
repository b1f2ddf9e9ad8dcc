package dev.gatehouse.rest.mcp.control;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatehouse.rest.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link UpstreamStore} on a fresh PostgreSQL database: skipped when none is reachable, a failure then with {@code CI=true}. */
class UpstreamStorePostgresTest extends UpstreamStoreContract {

    private static TestDatabase db;

    @BeforeAll
    static void open() {
        String unavailable = TestDatabase.postgresUnavailableReason();
        assumeTrue(unavailable == null, unavailable);
        db = TestDatabase.postgres();
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
