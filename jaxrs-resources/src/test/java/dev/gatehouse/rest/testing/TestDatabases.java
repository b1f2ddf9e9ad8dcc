package dev.gatehouse.rest.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * One H2 and one PostgreSQL {@link TestDatabase} for a test class, each made on first use and
 * closed together by the class's {@code @AfterAll}; the PostgreSQL tests are skipped (not failed)
 * where no server is reachable, unless {@code CI=true}.
 */
public final class TestDatabases implements AutoCloseable {

    private TestDatabase h2;
    private TestDatabase postgres;

    public synchronized TestDatabase h2() {
        if (h2 == null) {
            h2 = TestDatabase.h2();
        }
        return h2;
    }

    public synchronized TestDatabase postgres() {
        String unavailable = TestDatabase.postgresUnavailableReason();
        Assumptions.assumeTrue(unavailable == null, unavailable);
        if (postgres == null) {
            postgres = TestDatabase.postgres();
        }
        return postgres;
    }

    @Override
    public synchronized void close() {
        if (h2 != null) {
            h2.close();
            h2 = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
