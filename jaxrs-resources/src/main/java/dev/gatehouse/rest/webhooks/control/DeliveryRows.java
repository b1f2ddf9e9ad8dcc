package dev.gatehouse.rest.webhooks.control;

import dev.gatehouse.rest.platform.control.SqlParameters;
import dev.gatehouse.webhooks.Delivery;
import dev.gatehouse.webhooks.DeliveryStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

/**
 * Deliveries as JDBC rows, for the statements that bypass JPA on the hot paths (the fan-out insert,
 * the claims, the recorded outcomes): the column list, reading a row and binding a delivery's changing
 * state. The null-safe binders are {@link SqlParameters}'.
 */
final class DeliveryRows {

    private DeliveryRows() {
    }

    static final String DELIVERY_COLUMNS = "id, endpoint_id, workspace_id, event_id, event_type, payload, status,"
            + " attempt, response_code, next_attempt_at, delivered_at, lease_until, manual_retries, created_at, updated_at";

    static String placeholders(List<Long> ids) {
        return String.join(", ", Collections.nCopies(ids.size(), "?"));
    }

    /** Binds ids from a parameter index on; returns the index after the last. */
    static int bindIds(PreparedStatement statement, int first, List<Long> ids) throws SQLException {
        int index = first;
        for (long id : ids) {
            statement.setLong(index++, id);
        }
        return index;
    }

    /** A row of {@link #DELIVERY_COLUMNS}. */
    static Delivery delivery(ResultSet rows) throws SQLException {
        return new Delivery(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getString(4),
                rows.getString(5), rows.getString(6), DeliveryStatus.fromWireName(rows.getString(7)),
                rows.getInt(8), (Integer) rows.getObject(9), SqlParameters.getInstant(rows, 10),
                SqlParameters.getInstant(rows, 11), SqlParameters.getInstant(rows, 12), rows.getInt(13),
                SqlParameters.getInstant(rows, 14), SqlParameters.getInstant(rows, 15));
    }

    /**
     * Binds a delivery's changing state, in the column order both {@link JpaWebhookStore#INSERT_DELIVERY_SQL} and
     * {@link JpaWebhookStore#RECORD_DELIVERY_SQL} use: status, attempt, response_code, next_attempt_at,
     * delivered_at, lease_until, manual_retries. Returns the index after the last.
     */
    static int bindState(PreparedStatement statement, int first, Delivery d) throws SQLException {
        statement.setString(first, d.status().wireName());
        statement.setInt(first + 1, d.attempt());
        SqlParameters.setInteger(statement, first + 2, d.responseCode());
        SqlParameters.setInstant(statement, first + 3, d.nextAttemptAt());
        SqlParameters.setInstant(statement, first + 4, d.deliveredAt());
        SqlParameters.setInstant(statement, first + 5, d.leaseUntil());
        statement.setInt(first + 6, d.manualRetries());
        return first + 7;
    }
}
