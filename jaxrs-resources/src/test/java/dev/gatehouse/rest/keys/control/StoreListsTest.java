package dev.gatehouse.rest.keys.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.keys.ApiKey;
import dev.gatehouse.keys.User;
import dev.gatehouse.keys.Workspace;
import dev.gatehouse.rest.keys.entity.AuditEventEntity;
import dev.gatehouse.rest.platform.boundary.ApiException;
import dev.gatehouse.rest.platform.boundary.ListQuery;
import dev.gatehouse.rest.platform.boundary.ListSpec;
import dev.gatehouse.rest.testing.TestDatabase;
import dev.gatehouse.rest.testing.TestDatabases;
import dev.gatehouse.rest.workspaces.control.JpaWorkspaceStore;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The lists the key, user, audit and workspace stores run for the REST API (Criteria queries
 * built from a parsed {@link ListQuery}), on H2 and on PostgreSQL.
 */
class StoreListsTest {

    static final Instant NOW = JpaKeyStoresContractTest.CLOCK.instant();
    static final Set<String> FIELDS = Set.of("id");

    private static final TestDatabases DATABASES = new TestDatabases();

    static TestDatabase h2() {
        return DATABASES.h2();
    }

    static TestDatabase postgres() {
        return DATABASES.postgres();
    }

    @AfterAll
    static void close() {
        DATABASES.close();
    }

    abstract static class Lists {
        TestDatabase db;
        long[] ids;

        abstract TestDatabase db();

        @BeforeEach
        void fixtures() {
            db = db();
            ids = JpaKeyStoresContractTest.fixtures(db);
            long ws = ids[0];
            db.sql(key(ws, "live", "NULL", "NULL"),
                    key(ws, "revoked", "TIMESTAMP '2026-01-10 00:00:00'", "NULL"),
                    key(ws, "expired", "NULL", "TIMESTAMP '2026-01-14 00:00:00'"),
                    key(ws, "expiring", "NULL", "TIMESTAMP '2026-02-01 00:00:00'"),
                    key(ids[1], "other", "NULL", "NULL"),
                    audit(ws, "api_key.created", "2026-01-01 10:00:00"),
                    audit(ws, "api_key.revoked", "2026-01-12 10:00:00"),
                    audit(ids[1], "api_key.created", "2026-01-13 10:00:00"));
        }

        private static String key(long workspaceId, String name, String revokedAt, String expiresAt) {
            return "INSERT INTO api_keys (workspace_id, key_type, name, display_prefix, key_hash, scopes, revoked_at,"
                    + " expires_at, created_at, updated_at) VALUES (" + workspaceId + ", 'WORKSPACE', '" + name
                    + "', 'sk_" + name + "', 'hash-" + name + "', 'read', " + revokedAt + ", " + expiresAt
                    + ", CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)";
        }

        private static String audit(long workspaceId, String type, String at) {
            return "INSERT INTO audit_events (type, workspace_id, occurred_at, details) VALUES ('" + type + "', "
                    + workspaceId + ", TIMESTAMP '" + at + "', '{}')";
        }

        static ListQuery query(ListSpec spec, String... pairs) {
            MultivaluedMap<String, String> q = new MultivaluedHashMap<>();
            for (int i = 0; i < pairs.length; i += 2) {
                q.add(pairs[i], pairs[i + 1]);
            }
            return ListQuery.parse(q, spec);
        }

        List<String> keyNames(String... pairs) {
            ListQuery query = query(JpaApiKeyStore.listSpec(NOW, FIELDS), pairs);
            return db.inTransaction(em -> new JpaApiKeyStore(em, JpaKeyStoresContractTest.CLOCK).list(query, ids[0], null))
                    .items().stream().map(ApiKey::name).toList();
        }

        @Test
        void apiKeys_statusRevoked_listsOnlyRevokedKeysOfTheWorkspace() {
            assertThat(keyNames("status", "revoked")).containsExactly("revoked");
        }

        @Test
        void apiKeys_statusActive_leavesOutRevokedAndExpired() {
            assertThat(keyNames("status", "active", "sort", "name")).containsExactly("expiring", "live");
        }

        @Test
        void apiKeys_statusExpired_listsKeysPastTheirExpiry() {
            assertThat(keyNames("status", "expired")).containsExactly("expired");
        }

        @Test
        void apiKeys_searchAndDescendingSort_matchNameOrPrefixCaseInsensitively() {
            assertThat(keyNames("search", "EXP", "sort", "-name")).containsExactly("expiring", "expired");
        }

        @Test
        void apiKeys_unknownStatusAndSort_areOne422NamingBoth() {
            assertThatThrownBy(() -> keyNames("status", "paused", "sort", "nope"))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(422);
                        assertThat(e.fields().get("errors")).isEqualTo(java.util.Map.of(
                                "status", List.of("must be active, revoked or expired"),
                                "sort", List.of("cannot sort by 'nope'; sortable fields: created_at, expires_at, id, last_used_at, name, updated_at.")));
                    });
        }

        @Test
        void apiKeys_pageBeyondTheEnd_isEmptyWithTheTotal() {
            ListQuery query = query(JpaApiKeyStore.listSpec(NOW, FIELDS), "per_page", "2", "page", "3");
            ListQuery.Page<ApiKey> page = db.inTransaction(em -> new JpaApiKeyStore(em, JpaKeyStoresContractTest.CLOCK)
                    .list(query, ids[0], null));
            assertThat(page.items()).isEmpty();
            assertThat(page.total()).isEqualTo(4);
        }

        @Test
        void auditEvents_createdAfter_comparesWhenTheEventOccurred() {
            ListQuery query = query(JpaAuditSink.listSpec(FIELDS), "created_after", "2026-01-05");
            List<String> types = db.inTransaction(em -> new JpaAuditSink(em).list(query, ids[0]))
                    .items().stream().map(e -> e.type).toList();
            assertThat(types).containsExactly("api_key.revoked");
        }

        @Test
        void auditEvents_noWorkspace_listsEveryWorkspacesEvents() {
            ListQuery query = query(JpaAuditSink.listSpec(FIELDS), "type", "api_key.created");
            List<Long> workspaces = db.inTransaction(em -> new JpaAuditSink(em).list(query, null))
                    .items().stream().map((AuditEventEntity e) -> e.workspaceId).toList();
            assertThat(workspaces).containsExactlyInAnyOrder(ids[0], ids[1]);
        }

        @Test
        void users_statusAndSearch_filterTheWorkspacesUsers() {
            ListQuery query = query(JpaUserStore.listSpec(FIELDS), "status", "unverified", "search", "u2@", "sort", "email");
            List<String> users = db.inTransaction(em -> new JpaUserStore(em).list(query, ids[0]))
                    .items().stream().map(User::externalId).toList();
            assertThat(users).containsExactly("u2");
        }

        @Test
        void workspaces_onlyId_listsThatWorkspaceAlone() {
            ListQuery query = query(JpaWorkspaceStore.listSpec(List.of("free", "pro"), FIELDS), "tier", "free");
            List<Long> listed = db.inTransaction(em -> new JpaWorkspaceStore(em).list(query, ids[1]))
                    .items().stream().map(Workspace::id).toList();
            assertThat(listed).containsExactly(ids[1]);
        }
    }

    @Nested
    class OnH2 extends Lists {
        @Override TestDatabase db() { return StoreListsTest.h2(); }
    }

    @Nested
    class OnPostgres extends Lists {
        @Override TestDatabase db() { return StoreListsTest.postgres(); }
    }
}
