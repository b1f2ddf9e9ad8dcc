package dev.gatehouse.rest.mcp.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.commit.NewTransactions;
import dev.gatehouse.entitlements.Entitlements;
import dev.gatehouse.entitlements.LimitType;
import dev.gatehouse.entitlements.PlanCatalog;
import dev.gatehouse.entitlements.UsageKey;
import dev.gatehouse.entitlements.UsageStore;
import dev.gatehouse.keys.AuditEvent;
import dev.gatehouse.keys.Workspace;
import dev.gatehouse.rest.entitlements.control.JpaUsageStore;
import dev.gatehouse.rest.keys.control.JpaAuditSink;
import dev.gatehouse.rest.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link GatewayRecords} on a real database: the audit row and the usage in one local JDBC
 * transaction, a lost race at a hard limit audited but not counted, and a threshold crossing rolled
 * back and handed to a JTA transaction (here a stub that only counts).
 */
abstract class GatewayRecordsContract {

    private static final Instant NOW = Instant.parse("2026-01-15T10:30:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final long WS = 41;
    private static final UsageKey MCP_CALLS = new UsageKey(WS, "mcp_calls", Instant.parse("2026-01-01T00:00:00Z"));

    private final AtomicInteger handedToJta = new AtomicInteger();
    private UsageStore store;
    private Entitlements entitlements;
    private GatewayRecords records;

    abstract TestDatabase database();

    @BeforeEach
    void fresh() {
        TestDatabase db = database();
        db.sql("DELETE FROM audit_events", "DELETE FROM usage_counters", "DELETE FROM usage_daily",
                "DELETE FROM usage_threshold_marks", "DELETE FROM entitlement_overrides");
        db.workspace(WS, "free");
        store = db.perCallTransactions(UsageStore.class, em -> new JpaUsageStore(em, CLOCK));
        entitlements = Entitlements.builder().catalog(PlanCatalog.defaults()).store(store).clock(CLOCK).build();
        NewTransactions countingJta = new NewTransactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                handedToJta.incrementAndGet();
                return null;
            }
        };
        records = new GatewayRecords(new JpaAuditSink(), entitlements, new JpaUsageStore(null, CLOCK), db.dataSource(),
                countingJta);
    }

    private static Workspace workspace(String tier) {
        return new Workspace(WS, "Gateway", "gateway", tier, null, NOW, NOW);
    }

    private static AuditEvent called(String outcome) {
        return new AuditEvent("mcp.tool_called", WS, 7L, null, null, "req_1", NOW,
                Map.of("server", "everything", "tool", "echo", "outcome", outcome));
    }

    @Test
    void called_unlimitedPlan_commitsTheAuditRowAndOneCall() {
        records.called(called("ok"), workspace("enterprise"), "mcp_calls");

        assertThat(auditRows()).containsExactly("mcp.tool_called 41 7 req_1 2026-01-15T10:30Z {\"outcome\":\"ok\",\"server\":\"everything\",\"tool\":\"echo\"}");
        assertThat(store.used(MCP_CALLS)).isEqualTo(1);
        assertThat(handedToJta).hasValue(0);
    }

    @Test
    void called_notMetered_writesOnlyTheAuditRow() {
        records.called(called("unavailable"), workspace("enterprise"), null);

        assertThat(auditRows()).hasSize(1);
        assertThat(store.used(MCP_CALLS)).isZero();
    }

    @Test
    void called_atTheHardLimit_isAuditedButNotCounted() {
        store.tryAdd(MCP_CALLS, 1000, -1);

        records.called(called("ok"), workspace("free"), "mcp_calls");

        assertThat(auditRows()).hasSize(1);
        assertThat(store.used(MCP_CALLS)).isEqualTo(1000);
        assertThat(handedToJta).hasValue(0);
    }

    @Test
    void called_crossingAThreshold_rollsBackAndHandsTheRecordsToJta() {
        store.tryAdd(MCP_CALLS, 799, -1);

        records.called(called("ok"), workspace("free"), "mcp_calls");

        assertThat(handedToJta).hasValue(1);
        assertThat(auditRows()).as("rolled back, written again in the JTA transaction").isEmpty();
        assertThat(store.used(MCP_CALLS)).isEqualTo(799);
        assertThat(store.markThreshold(MCP_CALLS, 80)).as("the local mark was rolled back too").isTrue();
    }

    @Test
    void called_belowAThresholdOfAnOverride_staysLocal() {
        entitlements.setOverride(WS, "mcp_calls", LimitType.HARD, 100, null);
        store.tryAdd(MCP_CALLS, 10, -1);

        records.called(called("ok"), workspace("enterprise"), "mcp_calls");

        assertThat(store.used(MCP_CALLS)).isEqualTo(11);
        assertThat(handedToJta).hasValue(0);
    }

    private List<String> auditRows() {
        try (Connection c = database().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT type, workspace_id, actor_key_id, request_id, occurred_at, details"
                     + " FROM audit_events ORDER BY id")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getLong(2) + " " + rs.getLong(3) + " " + rs.getString(4) + " "
                        + rs.getObject(5, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC) + " " + rs.getString(6));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
