package dev.gatehouse.rest.entitlements.control;

import dev.gatehouse.entitlements.BatchedOutcome;
import dev.gatehouse.entitlements.BatchedUsage;
import dev.gatehouse.entitlements.EventRecording;
import dev.gatehouse.entitlements.LimitOverride;
import dev.gatehouse.entitlements.LimitType;
import dev.gatehouse.entitlements.RecordedEvent;
import dev.gatehouse.entitlements.UsageKey;
import dev.gatehouse.entitlements.UsageStore;
import dev.gatehouse.rest.platform.control.SqlParameters;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

/**
 * {@link UsageStore} on the application's database, in SQL that runs unchanged on PostgreSQL and
 * on H2 in PostgreSQL mode. Counters change only through a guarded atomic update after an
 * insert-if-absent ({@code INSERT … ON CONFLICT DO NOTHING}), so concurrent requests on any number
 * of instances stay exact; the row lock the update takes is what orders racing recordings.
 *
 * <p>Each method joins the caller's transaction or runs in its own. The statements go through the
 * persistence context's JDBC connection ({@link Session#doReturningWork}) rather than JPQL: the
 * semantics that matter here (conflict handling, guarded updates, {@code RETURNING}) are SQL's,
 * and mapping these four tables to entities would add nothing. Two reads a check makes
 * ({@link #used}, {@link #findOverride}) called outside any transaction run on a connection of their
 * own instead, without a JTA transaction and a persistence context around one {@code SELECT}.
 *
 * <p>{@link #on(Connection)} is the same store on a connection whose local transaction the caller
 * runs itself (the gateway's records: {@code GatewayRecords}), so those writes share the SQL here.
 */
@ApplicationScoped
@Transactional
public class JpaUsageStore implements UsageStore {

    private static final String COUNTER = " WHERE workspace_id = ? AND feature = ? AND period_start = ?";

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    Clock clock;

    @Resource(lookup = "java:app/jdbc/gatehouse")
    DataSource dataSource;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Set on the views {@link #on} returns: every statement runs on it. */
    private final Connection bound;

    public JpaUsageStore() {
        this.bound = null;
    }

    /** For use outside a container (tests, embedding): the caller manages transactions. */
    public JpaUsageStore(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
        this.bound = null;
    }

    private JpaUsageStore(Connection bound, Clock clock) {
        this.bound = bound;
        this.clock = clock;
    }

    /**
     * This store on one JDBC connection, in the transaction the caller runs on it (auto-commit off,
     * committed or rolled back by the caller): no JTA transaction and no persistence context. The
     * view is a plain object, valid while the connection is.
     *
     * <p>Not {@code REQUIRED} like the rest of the class: a JTA transaction begun here would enlist
     * the caller's open connection, commit its local transaction and turn auto-commit back on.
     *
     * @param connection the connection, not in auto-commit mode
     * @return the store on that connection
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public UsageStore on(Connection connection) {
        return new JpaUsageStore(Objects.requireNonNull(connection, "connection"), clock);
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public long used(UsageKey key) {
        return read(c -> selectUsed(c, key));
    }

    @Override
    public OptionalLong tryAdd(UsageKey key, long quantity, long maxTotalOrMinusOne) {
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be >= 1 but was " + quantity);
        }
        return work(c -> {
            OptionalLong total = guardedAdd(c, key, quantity, maxTotalOrMinusOne);
            if (total.isPresent()) {
                UsageBatchSql.addDaily(c, key, quantity, today());
            }
            return total;
        });
    }

    @Override
    public Optional<EventRecording> recordEvent(UsageKey key, RecordedEvent event, long maxTotalOrMinusOne) {
        if (key.workspaceId() != event.workspaceId() || !key.feature().equals(event.feature())) {
            throw new IllegalArgumentException("event " + event.eventId() + " belongs to workspace "
                    + event.workspaceId() + "/" + event.feature() + ", not to the counter " + key);
        }
        return work(c -> {
            // The claim comes first: on PostgreSQL a racing insert of the same id waits here until
            // the first transaction ends, then either sees its event or (if it was refused and
            // rolled back) claims the id itself.
            for (int attempt = 0; attempt < 3; attempt++) {
                if (insertEvent(c, event)) {
                    OptionalLong total = guardedAdd(c, key, event.quantity(), maxTotalOrMinusOne);
                    if (total.isEmpty()) {
                        deleteEvent(c, event.workspaceId(), event.eventId());
                        return Optional.empty();
                    }
                    UsageBatchSql.addDaily(c, key, event.quantity(), today());
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE usage_events SET total_after = ? WHERE workspace_id = ? AND event_id = ?")) {
                        ps.setLong(1, total.getAsLong());
                        ps.setLong(2, event.workspaceId());
                        ps.setString(3, event.eventId());
                        ps.executeUpdate();
                    }
                    return Optional.of(new EventRecording(event.withTotalAfter(total.getAsLong()), false));
                }
                Optional<RecordedEvent> first = findEvent(c, event.workspaceId(), event.eventId());
                if (first.isPresent()) {
                    return Optional.of(new EventRecording(first.get(), true));
                }
                // The conflicting event vanished between the insert and the select (purged): claim again.
            }
            throw new IllegalStateException("event " + event.eventId() + " could be neither claimed nor found");
        });
    }

    /**
     * The whole batch in a handful of statements on the caller's transaction, whatever its size
     * (see {@link UsageBatchSql}): what makes group commit cheaper than a transaction per recording.
     */
    @Override
    public List<BatchedOutcome> recordBatch(List<BatchedUsage> batch) {
        return work(c -> new UsageBatchSql(c, today()).apply(batch));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    @Override
    public Optional<RecordedEvent> findEvent(long workspaceId, String eventId) {
        return work(c -> findEvent(c, workspaceId, eventId));
    }

    @Override
    public int purgeEventsBefore(Instant cutoff) {
        return work(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM usage_events WHERE recorded_at < ?")) {
                SqlParameters.setInstant(ps, 1, cutoff);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public boolean markThreshold(UsageKey key, int percent) {
        return work(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO usage_threshold_marks"
                    + " (workspace_id, feature, period_start, percent, marked_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                bindKey(ps, key, 1);
                ps.setInt(4, percent);
                SqlParameters.setInstant(ps, 5, clock.instant());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<LimitOverride> findOverride(long workspaceId, String feature) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + OVERRIDE_COLUMNS
                    + " FROM entitlement_overrides WHERE workspace_id = ? AND feature = ?")) {
                ps.setLong(1, workspaceId);
                ps.setString(2, feature);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(override(rs)) : Optional.<LimitOverride>empty();
                }
            }
        });
    }

    @Override
    public void saveOverride(LimitOverride o) {
        work(c -> {
            // Update, else insert-if-absent, else update again: safe when two saves race.
            for (int attempt = 0; attempt < 3; attempt++) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE entitlement_overrides SET limit_type = ?,"
                        + " limit_value = ?, created_at = ?, created_by_key_id = ? WHERE workspace_id = ? AND feature = ?")) {
                    ps.setString(1, o.type().name());
                    ps.setLong(2, o.limit());
                    SqlParameters.setInstant(ps, 3, o.createdAt());
                    SqlParameters.setLong(ps, 4, o.createdByKeyId());
                    ps.setLong(5, o.workspaceId());
                    ps.setString(6, o.feature());
                    if (ps.executeUpdate() == 1) {
                        return null;
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO entitlement_overrides (workspace_id, feature,"
                        + " limit_type, limit_value, created_at, created_by_key_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                    ps.setLong(1, o.workspaceId());
                    ps.setString(2, o.feature());
                    ps.setString(3, o.type().name());
                    ps.setLong(4, o.limit());
                    SqlParameters.setInstant(ps, 5, o.createdAt());
                    SqlParameters.setLong(ps, 6, o.createdByKeyId());
                    if (ps.executeUpdate() == 1) {
                        return null;
                    }
                }
            }
            throw new IllegalStateException("override " + o.workspaceId() + "/" + o.feature() + " could not be saved");
        });
    }

    @Override
    public void deleteOverride(long workspaceId, String feature) {
        work(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM entitlement_overrides WHERE workspace_id = ? AND feature = ?")) {
                ps.setLong(1, workspaceId);
                ps.setString(2, feature);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<LimitOverride> overrides(long workspaceId) {
        return work(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + OVERRIDE_COLUMNS
                    + " FROM entitlement_overrides WHERE workspace_id = ? ORDER BY feature")) {
                ps.setLong(1, workspaceId);
                try (ResultSet rs = ps.executeQuery()) {
                    List<LimitOverride> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(override(rs));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public long adjust(UsageKey key, long delta) {
        return work(c -> {
            insertCounterIfAbsent(c, key);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE usage_counters SET used = GREATEST(used + ?, 0)" + COUNTER)) {
                ps.setLong(1, delta);
                bindKey(ps, key, 2);
                ps.executeUpdate();
            }
            return selectUsed(c, key);
        });
    }

    // --- SQL building blocks, all on the caller's connection and transaction ---

    /** Recorded usage of one UTC day. */
    public record DailyUsage(LocalDate day, long quantity) {
    }

    /**
     * The usage recorded per UTC day for one workspace and feature, from and to inclusive, days
     * without usage left out; the history behind {@code GET /entitlements/usage/series}.
     */
    public List<DailyUsage> daily(long workspaceId, String feature, LocalDate from, LocalDate to) {
        return work(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT usage_day, quantity FROM usage_daily"
                    + " WHERE workspace_id = ? AND feature = ? AND usage_day >= ? AND usage_day <= ? ORDER BY usage_day")) {
                ps.setLong(1, workspaceId);
                ps.setString(2, feature);
                ps.setObject(3, from);
                ps.setObject(4, to);
                List<DailyUsage> days = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        days.add(new DailyUsage(rs.getObject(1, LocalDate.class), rs.getLong(2)));
                    }
                }
                return days;
            }
        });
    }

    private static final String OVERRIDE_COLUMNS = "workspace_id, feature, limit_type, limit_value, created_at, created_by_key_id";

    /**
     * The guarded add: the new total, or empty when it would pass the cap (nothing changed).
     *
     * <p>Update first, because the counter usually exists. When the update finds no row, the
     * counter is created at 0 ({@code INSERT … ON CONFLICT DO NOTHING}) and the update runs once
     * more — whether or not this call's insert won: when a concurrent transaction created the row
     * first, the insert waited for it (PostgreSQL waits on the conflicting in-progress insert, H2 on
     * its row lock), so the second update sees that row. Only the second update's verdict may
     * refuse; taking "someone else inserted it" for "the cap refused" lost 5–15 % of 16 parallel
     * first recordings (issue 11). Chosen over a single-statement upsert ({@code ON CONFLICT DO
     * UPDATE … WHERE}) because H2 has no such statement and its {@code MERGE} is not atomic
     * between transactions; no savepoint is needed, since {@code DO NOTHING} raises no error that
     * would abort a PostgreSQL transaction. The extra round trips are paid once per counter and
     * period, and on refusals.
     */
    private static OptionalLong guardedAdd(Connection c, UsageKey key, long quantity, long max) throws SQLException {
        boolean postgres = isPostgres(c);
        String sql = "UPDATE usage_counters SET used = used + ?" + COUNTER
                + (max < 0 ? "" : " AND used + ? <= ?") + (postgres ? " RETURNING used" : "");
        OptionalLong updated = update(c, sql, postgres, key, quantity, max);
        if (updated.isPresent()) {
            return updated;
        }
        insertCounterIfAbsent(c, key);
        return update(c, sql, postgres, key, quantity, max);
    }

    private static OptionalLong update(Connection c, String sql, boolean postgres, UsageKey key, long quantity, long max)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, quantity);
            bindKey(ps, key, 2);
            if (max >= 0) {
                ps.setLong(5, quantity);
                ps.setLong(6, max);
            }
            if (postgres) {
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
                }
            }
            // Our update holds the row lock until commit, so this reads our own total.
            return ps.executeUpdate() == 1 ? OptionalLong.of(selectUsed(c, key)) : OptionalLong.empty();
        }
    }

    /** True if this call created the counter (at 0). */
    static boolean insertCounterIfAbsent(Connection c, UsageKey key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO usage_counters (workspace_id, feature, period_start, used)"
                + " VALUES (?, ?, ?, 0) ON CONFLICT DO NOTHING")) {
            bindKey(ps, key, 1);
            return ps.executeUpdate() == 1;
        }
    }

    private static long selectUsed(Connection c, UsageKey key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT used FROM usage_counters" + COUNTER)) {
            bindKey(ps, key, 1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    static boolean insertEvent(Connection c, RecordedEvent e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO usage_events (workspace_id, event_id, feature,"
                + " quantity, total_after, recorded_at, metadata) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setLong(1, e.workspaceId());
            ps.setString(2, e.eventId());
            ps.setString(3, e.feature());
            ps.setLong(4, e.quantity());
            ps.setLong(5, e.totalAfter());
            SqlParameters.setInstant(ps, 6, e.recordedAt());
            ps.setString(7, e.metadataJson());
            return ps.executeUpdate() == 1;
        }
    }

    static Optional<RecordedEvent> findEvent(Connection c, long workspaceId, String eventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT feature, quantity, total_after, recorded_at, metadata"
                + " FROM usage_events WHERE workspace_id = ? AND event_id = ?")) {
            ps.setLong(1, workspaceId);
            ps.setString(2, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new RecordedEvent(workspaceId, eventId, rs.getString(1), rs.getLong(2), rs.getLong(3),
                        SqlParameters.getInstant(rs, 4), rs.getString(5)));
            }
        }
    }

    private static void deleteEvent(Connection c, long workspaceId, String eventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM usage_events WHERE workspace_id = ? AND event_id = ?")) {
            ps.setLong(1, workspaceId);
            ps.setString(2, eventId);
            ps.executeUpdate();
        }
    }

    private static LimitOverride override(ResultSet rs) throws SQLException {
        long createdBy = rs.getLong(6);
        Long createdByKeyId = rs.wasNull() ? null : createdBy;
        return new LimitOverride(rs.getLong(1), rs.getString(2), LimitType.valueOf(rs.getString(3)), rs.getLong(4),
                SqlParameters.getInstant(rs, 5), createdByKeyId);
    }

    static void bindKey(PreparedStatement ps, UsageKey key, int first) throws SQLException {
        ps.setLong(first, key.workspaceId());
        ps.setString(first + 1, key.feature());
        SqlParameters.setInstant(ps, first + 2, key.periodStart());
    }

    static boolean isPostgres(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().startsWith("PostgreSQL");
    }

    /**
     * A read: in the caller's transaction if there is one, else on a pooled connection in auto-commit
     * mode (what a JTA transaction of its own would read, at the cost of one round trip).
     */
    private <T> T read(SqlWork<T> work) {
        if (bound != null || dataSource == null || transactions == null
                || transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION) {
            return work(work);
        }
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new PersistenceException("usage store: " + e.getMessage(), e);
        }
    }

    private <T> T work(SqlWork<T> work) {
        if (bound != null) {
            try {
                return work.run(bound);
            } catch (SQLException e) {
                throw new PersistenceException("usage store: " + e.getMessage(), e);
            }
        }
        return em.unwrap(Session.class).doReturningWork((ReturningWork<T>) connection -> {
            try {
                return work.run(connection);
            } catch (SQLException e) {
                throw new PersistenceException("usage store: " + e.getMessage(), e);
            }
        });
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }
}
