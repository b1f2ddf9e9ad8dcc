package dev.gatehouse.rest.webhooks.control;

import dev.gatehouse.rest.platform.control.SqlParameters;
import dev.gatehouse.webhooks.Endpoint;
import dev.gatehouse.webhooks.Event;
import dev.gatehouse.webhooks.WebhookSecret;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A publish's two reads and writes before its deliveries (or a batch's: the events as one JDBC batch), as plain JDBC on the transaction's
 * connection: the event insert and the workspace's active endpoints; and a delivery claim's read of
 * its endpoints by id. Through JPA they were a native query (parsed and auto-flushed by Hibernate)
 * and queries or {@code find}s whose endpoint entities were then managed, and dirty-checked at every
 * later flush, for nothing: a publish and a claim only read them.
 */
final class PublishRows {

    private PublishRows() {
    }

    /** {@code ON CONFLICT DO NOTHING}: PostgreSQL, and H2 in PostgreSQL mode. */
    static final String INSERT_EVENT_SQL = "INSERT INTO webhook_events (workspace_id, event_id, type, data, occurred_at)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private static final String ENDPOINT_COLUMNS = "id, workspace_id, url, event_types, active, secret, previous_secret,"
            + " previous_secret_expires_at, success_count, failure_count, consecutive_failures, last_delivery_at,"
            + " failing_since, disabled_reason, description, created_at, updated_at";

    static final String ACTIVE_ENDPOINTS_SQL = "SELECT " + ENDPOINT_COLUMNS
            + " FROM webhook_endpoints WHERE workspace_id = ? AND active = TRUE ORDER BY id";

    static final String ENDPOINT_BY_ID_SQL = "SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoints WHERE id = ?";

    /** Inserts the event unless one with its id exists; true when it was inserted. */
    static boolean insertEventIfAbsent(Connection connection, Event event) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT_SQL)) {
            bindEvent(insert, event);
            return insert.executeUpdate() > 0;
        }
    }

    private static void bindEvent(PreparedStatement insert, Event event) throws SQLException {
        insert.setLong(1, event.workspaceId());
        insert.setString(2, event.id());
        insert.setString(3, event.type());
        insert.setString(4, event.dataJson());
        SqlParameters.setInstant(insert, 5, event.occurredAt());
    }

    /**
     * Inserts each event unless one with its id exists (or an earlier one in the list had it), as
     * one JDBC batch: PostgreSQL's driver sends the statements in one round trip and reports each
     * statement's count, which says whether that event was inserted.
     */
    static boolean[] insertEventsIfAbsent(Connection connection, List<Event> events) throws SQLException {
        if (events.size() == 1) {
            return new boolean[] {insertEventIfAbsent(connection, events.get(0))};
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT_SQL)) {
            for (Event event : events) {
                bindEvent(insert, event);
                insert.addBatch();
            }
            int[] counts = insert.executeBatch();
            if (counts.length != events.size()) {
                throw new SQLException("the database answered " + counts.length + " counts for " + events.size() + " events");
            }
            boolean[] inserted = new boolean[counts.length];
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == Statement.SUCCESS_NO_INFO) {
                    // A driver rewriting the batch into one statement cannot say which rows were duplicates.
                    throw new SQLException("the driver did not report per-event insert counts (batch rewriting on?)");
                }
                inserted[i] = counts[i] > 0;
            }
            return inserted;
        }
    }

    /** The workspace's active endpoints in id order, their secrets decrypted by {@code secret}. */
    static List<Endpoint> activeEndpoints(Connection connection, long workspaceId,
            Function<String, WebhookSecret> secret) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(ACTIVE_ENDPOINTS_SQL)) {
            select.setLong(1, workspaceId);
            try (ResultSet rows = select.executeQuery()) {
                List<Endpoint> found = new ArrayList<>();
                while (rows.next()) {
                    found.add(endpoint(rows, secret));
                }
                return found;
            }
        }
    }

    /** The endpoints with these ids that exist, active or not, their secrets decrypted by {@code secret}. */
    static Map<Long, Endpoint> endpoints(Connection connection, Set<Long> ids, Function<String, WebhookSecret> secret)
            throws SQLException {
        Map<Long, Endpoint> found = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(ENDPOINT_BY_ID_SQL)) {
            for (long id : ids) {
                select.setLong(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next()) {
                        found.put(id, endpoint(rows, secret));
                    }
                }
            }
        }
        return found;
    }

    private static Endpoint endpoint(ResultSet rows, Function<String, WebhookSecret> secret) throws SQLException {
        String previous = rows.getString(7);
        return new Endpoint(rows.getLong(1), rows.getLong(2), rows.getString(3),
                eventTypes(rows.getString(4)), rows.getBoolean(5), secret.apply(rows.getString(6)),
                previous == null ? null : secret.apply(previous), SqlParameters.getInstant(rows, 8),
                rows.getLong(9), rows.getLong(10), rows.getInt(11), SqlParameters.getInstant(rows, 12),
                SqlParameters.getInstant(rows, 13), rows.getString(14), rows.getString(15),
                SqlParameters.getInstant(rows, 16), SqlParameters.getInstant(rows, 17));
    }

    /** The stored form of the subscribed patterns: space-separated. */
    static List<String> eventTypes(String stored) {
        return stored.isEmpty() ? List.of() : Arrays.asList(stored.split(" "));
    }
}
