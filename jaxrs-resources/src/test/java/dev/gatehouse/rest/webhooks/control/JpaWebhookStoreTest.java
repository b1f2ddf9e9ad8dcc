package dev.gatehouse.rest.webhooks.control;

import dev.gatehouse.rest.testing.TestDatabase;
import dev.gatehouse.webhooks.SecretCipher;
import dev.gatehouse.webhooks.WebhookStore;
import dev.gatehouse.webhooks.WebhookStoreContract;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shared {@link WebhookStoreContract} against {@link JpaWebhookStore} on a Flyway-migrated H2
 * (PostgreSQL mode) and, when one is reachable, PostgreSQL. Each store call runs in its own
 * transaction, as it does for the delivery workers in the container.
 */
class JpaWebhookStoreTest {

    /** Runs the contract on one database; the contract's workspaces 1, 2 and 7 exist in each test. */
    abstract static class OnDatabase extends WebhookStoreContract {

        TestDatabase db;
        final SecretCipher cipher = SecretCipher.fromBase64Key(SecretCipher.generateKey(new SecureRandom()));

        abstract TestDatabase open();

        @Override
        protected WebhookStore newStore() {
            if (db == null) {
                db = open();
            }
            db.sql("DELETE FROM webhook_attempts", "DELETE FROM webhook_deliveries", "DELETE FROM webhook_endpoints",
                    "DELETE FROM webhook_events", "DELETE FROM workspaces");
            for (long id : new long[] {1, 2, 7}) {
                db.sql("INSERT INTO workspaces (id, name, slug, tier, created_at, updated_at) VALUES (" + id
                        + ", 'w" + id + "', 'w" + id + "', 'free', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            }
            return db.perCallTransactions(WebhookStore.class, em -> new JpaWebhookStore(em, cipher));
        }

        @AfterAll
        void closeDatabase() {
            if (db != null) {
                db.close();
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class H2 extends OnDatabase {
        @Override
        TestDatabase open() {
            return TestDatabase.h2();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Postgres extends OnDatabase {
        @BeforeAll
        void requirePostgres() {
            String unavailable = TestDatabase.postgresUnavailableReason();
            Assumptions.assumeTrue(unavailable == null, unavailable);
        }

        @Override
        TestDatabase open() {
            return TestDatabase.postgres();
        }

        @Test
        void migrations_addThePostgresOnlyIndexOfDeliveriesStillToSend() throws SQLException {
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_webhook_deliveries_open'")) {
                assertThat(r.next()).as("db/vendor/postgresql/V5 applied").isTrue();
                assertThat(r.getString(1)).contains("WHERE").contains("pending").contains("retrying");
            }
        }

        @Test
        void migrations_dropTheFullDueIndex_thatOnlyTheClaimOnH2Reads() throws SQLException {
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT indexname FROM pg_indexes WHERE tablename = 'webhook_deliveries'")) {
                List<String> indexes = new ArrayList<>();
                while (r.next()) {
                    indexes.add(r.getString(1));
                }
                assertThat(indexes).as("db/vendor/postgresql/V38 applied").contains("ix_webhook_deliveries_open")
                        .doesNotContain("ix_webhook_deliveries_due");
            }
        }
    }
}
