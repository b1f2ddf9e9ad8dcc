package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Durability of group-committed usage (issue 16) with a real server process on PostgreSQL: 32
 * clients record usage with an event id each, through the shipped defaults (group commit on); the
 * server is killed with SIGKILL while they are sending. Afterwards every recording that was
 * answered 2xx is in the database, no refused one is, and every counter equals the sum of its
 * stored events — nothing half of a batch. Half the clients record on a free workspace, whose hard
 * limit of 1,000 API calls they pass, so refusals race acknowledgements in the same batches.
 */
@EnabledIfSystemProperty(named = "gatehouse.it.db", matches = "postgres")
@ExtendWith(DatabaseAvailable.class)
class UsageCrashIT {

    private static final int CLIENTS = 32;

    @Test
    void killedWhileRecording_everyAcknowledgedRecordingIsStoredAndNoRefusedOne() throws Exception {
        String db = GatehouseProcess.freshPostgres("usagecrash");
        String root = TestKeys.newRootKey();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> refused = ConcurrentHashMap.newKeySet();
        AtomicInteger failed = new AtomicInteger();
        long unlimited;
        long limited;
        try (GatehouseProcess server = GatehouseProcess.startWithDefaults("usagecrash", db, root)) {
            unlimited = workspace(server, root, "enterprise");
            limited = workspace(server, root, "free");
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            CountDownLatch enough = new CountDownLatch(1);
            AtomicInteger answered = new AtomicInteger();
            for (int t = 0; t < CLIENTS; t++) {
                int client = t;
                long workspace = t % 2 == 0 ? unlimited : limited;
                clients.execute(() -> {
                    for (int n = 0; ; n++) {
                        String id = "evt_" + client + "_" + n;
                        Http.Reply r;
                        try {
                            r = server.http.post("api/v1/entitlements/usage").key(root).workspace(workspace)
                                    .json("{\"feature\": \"api_calls\", \"quantity\": 1, \"event_id\": \"" + id + "\"}").send();
                        } catch (RuntimeException connectionLost) {
                            failed.incrementAndGet();
                            return; // the server is gone
                        }
                        if (r.status() / 100 == 2) {
                            acknowledged.add(workspace + "/" + id); // logged only once the 2xx is in hand
                        } else if (r.status() == 403) {
                            refused.add(workspace + "/" + id);
                        } else {
                            failed.incrementAndGet();
                        }
                        if (answered.incrementAndGet() >= 3_000) {
                            enough.countDown();
                        }
                    }
                });
            }
            assertThat(enough.await(5, TimeUnit.MINUTES)).as("3,000 answers before the kill").isTrue();
            server.kill(); // SIGKILL with 32 recordings in flight
            clients.shutdown();
            assertThat(clients.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        }
        System.out.println("[usage-crash] " + acknowledged.size() + " acknowledged, " + refused.size() + " refused, "
                + failed.get() + " cut off by the kill");
        assertThat(refused).as("the free workspace passed its hard limit").isNotEmpty();

        try (Connection c = DriverManager.getConnection(db, System.getProperty("gatehouse.it.pg.user", "postgres"),
                System.getProperty("gatehouse.it.pg.password", ""))) {
            Set<String> stored = new HashSet<>();
            for (long workspace : List.of(unlimited, limited)) {
                Set<String> ids = eventIds(c, workspace);
                ids.forEach(id -> stored.add(workspace + "/" + id));
                assertThat(used(c, workspace)).as("counter of workspace " + workspace + " = its stored events")
                        .isEqualTo(ids.size());
            }
            assertThat(stored).as("every acknowledged recording survived the kill").containsAll(acknowledged);
            assertThat(stored).as("no refused recording was counted").doesNotContainAnyElementsOf(refused);
            assertThat(used(c, limited)).isEqualTo(1_000);
        }
    }

    private static long workspace(GatehouseProcess server, String root, String tier) {
        Http.Reply r = server.http.post("api/v1/workspaces").key(root)
                .json("{\"name\": \"Usage crash " + tier + " " + System.nanoTime() + "\", \"tier\": \"" + tier + "\"}").send();
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.data().getJsonNumber("id").longValue();
    }

    private static Set<String> eventIds(Connection c, long workspace) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT event_id FROM usage_events WHERE workspace_id = ?"
                + " AND feature = 'api_calls'")) {
            ps.setLong(1, workspace);
            Set<String> ids = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    private static long used(Connection c, long workspace) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(used), 0) FROM usage_counters"
                + " WHERE workspace_id = ? AND feature = 'api_calls'")) {
            ps.setLong(1, workspace);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
