package dev.gatehouse.rest.entitlements.control;

import dev.gatehouse.entitlements.BatchedOutcome;
import dev.gatehouse.entitlements.BatchedUsage;
import dev.gatehouse.entitlements.RecordedEvent;
import dev.gatehouse.entitlements.UsageKey;
import dev.gatehouse.rest.platform.control.SqlParameters;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link JpaUsageStore#recordBatch}: a batch of recordings in a fixed handful of statements on the
 * caller's connection and transaction, with the outcome of applying them one after another.
 *
 * <ol>
 *   <li>Claim every distinct event id ({@code INSERT … ON CONFLICT DO NOTHING}, one JDBC batch);
 *       an id that was already stored is a duplicate (a racing transaction's insert of the same id
 *       makes ours wait for it, as on the single path).</li>
 *   <li>Lock every counter the batch touches ({@code SELECT … FOR UPDATE}, one statement, in key
 *       order so that two batches never wait on each other in a circle), creating missing ones.</li>
 *   <li>Decide each recording in memory, in order, against the locked totals: the same guarded add
 *       as {@code UPDATE … WHERE used + ? <= ?}, exact because no one else can change a locked
 *       counter before this transaction ends.</li>
 *   <li>Write each counter and each day's usage once, complete the accepted events and delete the
 *       claims of refused ones (JDBC batches).</li>
 * </ol>
 * Claims come before counter locks, the same order as the single path, and both are taken in
 * sorted order. The padded key list keeps the lock statement's text to a few shapes, so the driver
 * can keep them prepared.
 */
final class UsageBatchSql {

    private record EventId(long workspaceId, String eventId) {
    }

    private record Day(long workspaceId, String feature) {
    }

    private static final Comparator<UsageKey> KEY_ORDER = Comparator.comparingLong(UsageKey::workspaceId)
            .thenComparing(UsageKey::feature).thenComparing(UsageKey::periodStart);
    private static final Comparator<EventId> EVENT_ORDER = Comparator.comparingLong(EventId::workspaceId)
            .thenComparing(EventId::eventId);
    private static final String COUNTER = " WHERE workspace_id = ? AND feature = ? AND period_start = ?";

    private final Connection c;
    private final LocalDate today;

    UsageBatchSql(Connection c, LocalDate today) {
        this.c = c;
        this.today = today;
    }

    List<BatchedOutcome> apply(List<BatchedUsage> batch) throws SQLException {
        Map<EventId, RecordedEvent> stored = claimEvents(batch);
        Map<UsageKey, Long> totals = lockCounters(batch);
        Map<UsageKey, Long> added = new LinkedHashMap<>();
        Map<EventId, RecordedEvent> accepted = new HashMap<>();
        List<BatchedOutcome> outcomes = new ArrayList<>(batch.size());
        for (BatchedUsage u : batch) {
            EventId id = u.event() == null ? null : new EventId(u.event().workspaceId(), u.event().eventId());
            if (id != null && stored.containsKey(id)) {
                outcomes.add(BatchedOutcome.duplicate(stored.get(id)));
                continue;
            }
            if (id != null && accepted.containsKey(id)) {
                outcomes.add(BatchedOutcome.duplicate(accepted.get(id)));
                continue;
            }
            long total = totals.get(u.key());
            long max = u.maxTotalOrMinusOne() < 0 ? Long.MAX_VALUE : u.maxTotalOrMinusOne();
            if (u.quantity() > max - total) { // as a subtraction: cannot overflow
                outcomes.add(BatchedOutcome.refused(total));
                continue;
            }
            total += u.quantity();
            totals.put(u.key(), total);
            added.merge(u.key(), u.quantity(), Long::sum);
            RecordedEvent event = u.event() == null ? null : u.event().withTotalAfter(total);
            if (id != null) {
                accepted.put(id, event);
            }
            outcomes.add(BatchedOutcome.added(total, event));
        }
        writeCounters(added);
        writeDays(added);
        writeEvents(batch, stored, accepted);
        return outcomes;
    }

    /** Claims each new event id once; returns the ids that were stored before, with their events. */
    private Map<EventId, RecordedEvent> claimEvents(List<BatchedUsage> batch) throws SQLException {
        TreeMap<EventId, RecordedEvent> firsts = new TreeMap<>(EVENT_ORDER);
        for (BatchedUsage u : batch) {
            if (u.event() != null) {
                firsts.putIfAbsent(new EventId(u.event().workspaceId(), u.event().eventId()), u.event());
            }
        }
        Map<EventId, RecordedEvent> stored = new HashMap<>();
        if (firsts.isEmpty()) {
            return stored;
        }
        List<EventId> ids = new ArrayList<>(firsts.keySet());
        int[] inserted;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO usage_events (workspace_id, event_id, feature,"
                + " quantity, total_after, recorded_at, metadata) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (EventId id : ids) {
                bindEvent(ps, firsts.get(id));
                ps.addBatch();
            }
            inserted = ps.executeBatch();
        }
        for (int i = 0; i < ids.size(); i++) {
            if (inserted[i] == 1) {
                continue;
            }
            EventId id = ids.get(i);
            if (inserted[i] != 0) { // e.g. SUCCESS_NO_INFO from a rewriting driver: claimed or not is unknown
                throw new SQLException("the driver did not say whether event " + id.eventId() + " was inserted");
            }
            Optional<RecordedEvent> first = JpaUsageStore.findEvent(c, id.workspaceId(), id.eventId());
            // Gone between our insert and select (purged): claim it again, as the single path does.
            boolean claimed = false;
            for (int attempt = 0; first.isEmpty() && !claimed && attempt < 3; attempt++) {
                claimed = JpaUsageStore.insertEvent(c, firsts.get(id));
                first = claimed ? first : JpaUsageStore.findEvent(c, id.workspaceId(), id.eventId());
            }
            if (first.isPresent()) {
                stored.put(id, first.get());
            } else if (!claimed) {
                throw new SQLException("event " + id.eventId() + " could be neither claimed nor found");
            }
        }
        return stored;
    }

    /** Locks every counter of the batch, creating missing ones at 0; returns their totals. */
    private Map<UsageKey, Long> lockCounters(List<BatchedUsage> batch) throws SQLException {
        TreeMap<UsageKey, Long> totals = new TreeMap<>(KEY_ORDER);
        for (BatchedUsage u : batch) {
            totals.put(u.key(), null);
        }
        List<UsageKey> keys = new ArrayList<>(totals.keySet());
        selectForUpdate(keys, totals);
        List<UsageKey> missing = keys.stream().filter(k -> totals.get(k) == null).toList();
        if (!missing.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO usage_counters (workspace_id, feature,"
                    + " period_start, used) VALUES (?, ?, ?, 0) ON CONFLICT DO NOTHING")) {
                for (UsageKey key : missing) {
                    JpaUsageStore.bindKey(ps, key, 1);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            // Created by us, or by a transaction our insert waited for: either way there now.
            selectForUpdate(missing, totals);
            for (UsageKey key : missing) {
                if (totals.get(key) == null) {
                    throw new SQLException("usage counter " + key + " could be neither created nor found");
                }
            }
        }
        return new HashMap<>(totals);
    }

    private void selectForUpdate(List<UsageKey> keys, Map<UsageKey, Long> totals) throws SQLException {
        int slots = Integer.highestOneBit(keys.size());
        slots = slots == keys.size() ? slots : slots * 2; // padded to a power of two: few distinct statements
        StringBuilder sql = new StringBuilder("SELECT workspace_id, feature, period_start, used FROM usage_counters WHERE ");
        for (int i = 0; i < slots; i++) {
            sql.append(i == 0 ? "" : " OR ").append("(workspace_id = ? AND feature = ? AND period_start = ?)");
        }
        sql.append(" ORDER BY workspace_id, feature, period_start FOR UPDATE");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < slots; i++) {
                JpaUsageStore.bindKey(ps, keys.get(Math.min(i, keys.size() - 1)), 1 + 3 * i);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant period = SqlParameters.getInstant(rs, 3);
                    totals.put(new UsageKey(rs.getLong(1), rs.getString(2), period), rs.getLong(4));
                }
            }
        }
    }

    private void writeCounters(Map<UsageKey, Long> added) throws SQLException {
        if (added.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE usage_counters SET used = used + ?" + COUNTER)) {
            for (Map.Entry<UsageKey, Long> e : added.entrySet()) {
                ps.setLong(1, e.getValue());
                JpaUsageStore.bindKey(ps, e.getKey(), 2);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Today's usage per workspace and feature, one update each; the first recording of a day inserts. */
    private void writeDays(Map<UsageKey, Long> added) throws SQLException {
        TreeMap<Day, Long> days = new TreeMap<>(Comparator.comparingLong(Day::workspaceId).thenComparing(Day::feature));
        added.forEach((key, quantity) -> days.merge(new Day(key.workspaceId(), key.feature()), quantity, Long::sum));
        if (days.isEmpty()) {
            return;
        }
        List<Day> order = new ArrayList<>(days.keySet());
        int[] updated;
        try (PreparedStatement ps = c.prepareStatement("UPDATE usage_daily SET quantity = quantity + ?"
                + " WHERE workspace_id = ? AND feature = ? AND usage_day = ?")) {
            for (Day day : order) {
                ps.setLong(1, days.get(day));
                ps.setLong(2, day.workspaceId());
                ps.setString(3, day.feature());
                ps.setObject(4, today);
                ps.addBatch();
            }
            updated = ps.executeBatch();
        }
        for (int i = 0; i < order.size(); i++) {
            if (updated[i] != 1) {
                Day day = order.get(i);
                addDaily(c, new UsageKey(day.workspaceId(), day.feature(), Instant.EPOCH), days.get(day), today);
            }
        }
    }

    /** Completes the claims of accepted events (their total, and their data if a refused first claim made them) and drops the rest. */
    private void writeEvents(List<BatchedUsage> batch, Map<EventId, RecordedEvent> stored,
                             Map<EventId, RecordedEvent> accepted) throws SQLException {
        List<EventId> refused = new ArrayList<>();
        for (BatchedUsage u : batch) {
            if (u.event() != null) {
                EventId id = new EventId(u.event().workspaceId(), u.event().eventId());
                if (!stored.containsKey(id) && !accepted.containsKey(id) && !refused.contains(id)) {
                    refused.add(id);
                }
            }
        }
        if (!accepted.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE usage_events SET feature = ?, quantity = ?,"
                    + " total_after = ?, recorded_at = ?, metadata = ? WHERE workspace_id = ? AND event_id = ?")) {
                for (RecordedEvent e : accepted.values()) {
                    ps.setString(1, e.feature());
                    ps.setLong(2, e.quantity());
                    ps.setLong(3, e.totalAfter());
                    SqlParameters.setInstant(ps, 4, e.recordedAt());
                    ps.setString(5, e.metadataJson());
                    ps.setLong(6, e.workspaceId());
                    ps.setString(7, e.eventId());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!refused.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM usage_events WHERE workspace_id = ? AND event_id = ?")) {
                for (EventId id : refused) {
                    ps.setLong(1, id.workspaceId());
                    ps.setString(2, id.eventId());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    private static void bindEvent(PreparedStatement ps, RecordedEvent e) throws SQLException {
        ps.setLong(1, e.workspaceId());
        ps.setString(2, e.eventId());
        ps.setString(3, e.feature());
        ps.setLong(4, e.quantity());
        ps.setLong(5, e.totalAfter());
        SqlParameters.setInstant(ps, 6, e.recordedAt());
        ps.setString(7, e.metadataJson());
    }

    /** Adds recorded usage to a day's row (UTC): update first, insert when absent, update again after losing that race. */
    static void addDaily(Connection c, UsageKey key, long quantity, LocalDate day) throws SQLException {
        for (int attempt = 0; attempt < 2; attempt++) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE usage_daily SET quantity = quantity + ?"
                    + " WHERE workspace_id = ? AND feature = ? AND usage_day = ?")) {
                ps.setLong(1, quantity);
                ps.setLong(2, key.workspaceId());
                ps.setString(3, key.feature());
                ps.setObject(4, day);
                if (ps.executeUpdate() == 1) {
                    return;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO usage_daily (workspace_id, feature, usage_day, quantity)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                ps.setLong(1, key.workspaceId());
                ps.setString(2, key.feature());
                ps.setObject(3, day);
                ps.setLong(4, quantity);
                if (ps.executeUpdate() == 1) {
                    return;
                }
            }
        }
        throw new IllegalStateException("usage of " + key + " on " + day + " could be neither added nor inserted");
    }
}
