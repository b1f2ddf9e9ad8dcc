package dev.gatehouse.rest.cluster.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.rest.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The retention deletions (H2) against a fixed cutoff: older rows go, newer ones stay. */
class RetentionStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static TestDatabase db;

    @BeforeAll
    static void open() {
        db = TestDatabase.h2();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static long count(String sql) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void deleteAuditEventsBefore_deletesOnlyOlderEvents() {
        db.sql("INSERT INTO audit_events (type, occurred_at) VALUES ('old', TIMESTAMP WITH TIME ZONE '2026-02-28 12:00:00+00')",
                "INSERT INTO audit_events (type, occurred_at) VALUES ('at-cutoff', TIMESTAMP WITH TIME ZONE '2026-03-01 12:00:00+00')",
                "INSERT INTO audit_events (type, occurred_at) VALUES ('new', TIMESTAMP WITH TIME ZONE '2026-03-02 12:00:00+00')");

        int deleted = db.inTransaction(em -> new RetentionStore(em).deleteAuditEventsBefore(T0));

        assertThat(deleted).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_events WHERE type IN ('at-cutoff', 'new')")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM audit_events WHERE type = 'old'")).isZero();
    }

    @Test
    void deleteExpiredBuckets_deletesOnlyBucketsPastTheirExpiry() {
        long now = T0.toEpochMilli();
        db.sql("INSERT INTO rate_limit_buckets (id, expires_at) VALUES ('k:expired', " + (now - 1) + ")",
                "INSERT INTO rate_limit_buckets (id, expires_at) VALUES ('k:live', " + (now + 1000) + ")");

        int deleted = db.inTransaction(em -> new RetentionStore(em).deleteExpiredBuckets(T0));

        assertThat(deleted).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM rate_limit_buckets WHERE id = 'k:live'")).isEqualTo(1);
    }
}
