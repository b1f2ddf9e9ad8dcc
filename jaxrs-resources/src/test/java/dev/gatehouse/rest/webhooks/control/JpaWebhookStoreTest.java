package dev.gatehouse.rest.webhooks.control;

import dev.gatehouse.rest.testing.PerCallTransactions;
import dev.gatehouse.rest.testing.TestDatabase;
import dev.gatehouse.rest.webhooks.entity.AttemptEntity;
import dev.gatehouse.rest.webhooks.entity.DeliveryEntity;
import dev.gatehouse.rest.webhooks.entity.EndpointEntity;
import dev.gatehouse.rest.webhooks.entity.EventEntity;
import dev.gatehouse.rest.webhooks.entity.SettingEntity;
import dev.gatehouse.rest.workspaces.entity.WorkspaceEntity;
import dev.gatehouse.webhooks.SecretCipher;
import dev.gatehouse.webhooks.WebhookStore;
import dev.gatehouse.webhooks.WebhookStoreContract;
import java.security.SecureRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * The shared {@link WebhookStoreContract} against {@link JpaWebhookStore} on a Flyway-migrated H2
 * (PostgreSQL mode) and, when one is reachable, PostgreSQL. Each store call runs in its own
 * transaction, as it does for the delivery workers in the container.
 */
class JpaWebhookStoreTest {

    static final Class<?>[] ENTITIES = {WorkspaceEntity.class, EndpointEntity.class, EventEntity.class,
        DeliveryEntity.class, AttemptEntity.class, SettingEntity.class};

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
            return PerCallTransactions.wrap(WebhookStore.class, db.emf(), em -> new JpaWebhookStore(em, cipher));
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
            return TestDatabase.h2("webhooks", ENTITIES);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Postgres extends OnDatabase {
        @BeforeAll
        void requirePostgres() {
            Assumptions.assumeTrue(TestDatabase.postgresReachable(), "PostgreSQL is not reachable at "
                    + TestDatabase.PG_HOST + ":" + TestDatabase.PG_PORT);
        }

        @Override
        TestDatabase open() {
            return TestDatabase.postgres("webhooks", ENTITIES);
        }
    }
}
