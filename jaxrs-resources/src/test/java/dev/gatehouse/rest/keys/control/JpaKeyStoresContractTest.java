package dev.gatehouse.rest.keys.control;

import dev.gatehouse.keys.ApiKeyStore;
import dev.gatehouse.keys.ApiKeyStoreContract;
import dev.gatehouse.keys.UserStore;
import dev.gatehouse.keys.UserStoreContract;
import dev.gatehouse.keys.WorkspaceStore;
import dev.gatehouse.keys.WorkspaceStoreContract;
import dev.gatehouse.rest.testing.TestDatabase;
import dev.gatehouse.rest.testing.TestDatabases;
import dev.gatehouse.rest.workspaces.control.JpaWorkspaceStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

/**
 * The api-keys-core store contracts — the same tests the in-memory stores pass — run against the
 * JPA stores on H2 and on PostgreSQL, with the Flyway schema and its foreign keys.
 */
class JpaKeyStoresContractTest {

    private static final TestDatabases DATABASES = new TestDatabases();

    static TestDatabase h2() {
        return DATABASES.h2();
    }

    static TestDatabase postgres() {
        return DATABASES.postgres();
    }

    static long queryLong(TestDatabase db, String sql) {
        return db.inTransaction(em -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }

    static void clear(TestDatabase db) {
        db.sql("DELETE FROM api_keys", "DELETE FROM users", "DELETE FROM audit_events", "DELETE FROM workspaces");
    }

    @AfterAll
    static void close() {
        DATABASES.close();
    }

    /** Empties the database and adds two workspaces and two users; returns their ids. */
    static long[] fixtures(TestDatabase db) {
        clear(db);
        db.sql("INSERT INTO workspaces (name, slug, tier, created_at, updated_at) VALUES ('A', 'fixture-a', 'free', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                "INSERT INTO workspaces (name, slug, tier, created_at, updated_at) VALUES ('B', 'fixture-b', 'free', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        long a = queryLong(db, "SELECT id FROM workspaces WHERE slug = 'fixture-a'");
        long b = queryLong(db, "SELECT id FROM workspaces WHERE slug = 'fixture-b'");
        db.sql("INSERT INTO users (workspace_id, external_id, email, verified, created_by_key_id, created_at, updated_at) VALUES (" + a + ", 'u1', 'u1@example.com', false, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                "INSERT INTO users (workspace_id, external_id, email, verified, created_by_key_id, created_at, updated_at) VALUES (" + a + ", 'u2', 'u2@example.com', false, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        long u1 = queryLong(db, "SELECT id FROM users WHERE external_id = 'u1'");
        long u2 = queryLong(db, "SELECT id FROM users WHERE external_id = 'u2'");
        return new long[] {a, b, u1, u2};
    }

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-15T10:30:00Z"), ZoneOffset.UTC);

    abstract static class ApiKeys extends ApiKeyStoreContract {
        long[] ids;

        abstract TestDatabase db();

        @Override
        protected ApiKeyStore newStore() {
            ids = fixtures(db());
            return db().perCallTransactions(ApiKeyStore.class, em -> new JpaApiKeyStore(em, CLOCK));
        }

        @Override protected long workspaceId() { return ids[0]; }
        @Override protected long otherWorkspaceId() { return ids[1]; }
        @Override protected long userId() { return ids[2]; }
        @Override protected long otherUserId() { return ids[3]; }
    }

    abstract static class Users extends UserStoreContract {
        long[] ids;

        abstract TestDatabase db();

        long[] creators;

        @Override
        protected UserStore newStore() {
            ids = fixtures(db());
            db().sql("DELETE FROM users");
            // The quota locks the creator key's row, so the creators are stored keys, as in production.
            creators = new long[2];
            for (int i = 0; i < 2; i++) {
                db().sql("INSERT INTO api_keys (workspace_id, key_type, name, display_prefix, key_hash, scopes, created_at,"
                        + " updated_at) VALUES (" + ids[0] + ", 'WORKSPACE', 'developer', 'sk_live_dev" + i + "', 'creator-hash-"
                        + i + "', 'users:write', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
                creators[i] = queryLong(db(), "SELECT id FROM api_keys WHERE key_hash = 'creator-hash-" + i + "'");
            }
            return db().perCallTransactions(UserStore.class, JpaUserStore::new);
        }

        @Override protected long workspaceId() { return ids[0]; }
        @Override protected long otherWorkspaceId() { return ids[1]; }
        @Override protected long creatorKeyId() { return creators[0]; }
        @Override protected long otherCreatorKeyId() { return creators[1]; }
    }

    abstract static class Workspaces extends WorkspaceStoreContract {
        abstract TestDatabase db();

        @Override
        protected WorkspaceStore newStore() {
            clear(db());
            return db().perCallTransactions(WorkspaceStore.class, JpaWorkspaceStore::new);
        }
    }

    @Nested
    class ApiKeysOnH2 extends ApiKeys {
        @Override TestDatabase db() { return h2(); }
    }

    @Nested
    class ApiKeysOnPostgres extends ApiKeys {
        @Override TestDatabase db() { return postgres(); }
    }

    @Nested
    class UsersOnH2 extends Users {
        @Override TestDatabase db() { return h2(); }
    }

    @Nested
    class UsersOnPostgres extends Users {
        @Override TestDatabase db() { return postgres(); }
    }

    @Nested
    class WorkspacesOnH2 extends Workspaces {
        @Override TestDatabase db() { return h2(); }
    }

    @Nested
    class WorkspacesOnPostgres extends Workspaces {
        @Override TestDatabase db() { return postgres(); }
    }
}
