package dev.gatehouse.rest.webhooks.control;

import dev.gatehouse.rest.platform.control.SqlParameters;
import dev.gatehouse.webhooks.EndpointTally;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A batch of delivery outcomes' effect on their endpoints, in SQL on the recording transaction:
 * counters are added to what is stored (never read and written back, so instances recording at
 * once do not lose counts), and endpoints the core decided to disable are disabled once. Rows are
 * updated in endpoint-id order: one lock order for every batch.
 */
final class EndpointTallies {

    /** {@link EndpointTally#applyTo} in SQL: counts are added to what is stored, never written back. */
    static final String TALLY_SQL = "UPDATE webhook_endpoints SET success_count = success_count + ?,"
            + " failure_count = failure_count + ?,"
            + " consecutive_failures = CASE WHEN ? THEN ? ELSE consecutive_failures + ? END,"
            + " failing_since = CASE WHEN ? THEN ? ELSE COALESCE(failing_since, ?) END,"
            + " last_delivery_at = COALESCE(?, last_delivery_at) WHERE id = ?";

    static final String DISABLE_SQL = "UPDATE webhook_endpoints SET active = FALSE, disabled_reason = ?, updated_at = ?"
            + " WHERE id = ? AND active = TRUE";

    private EndpointTallies() {
    }

    /** Applies the tallies; returns the ids of the endpoints this call disabled. */
    static List<Long> apply(Connection connection, List<EndpointTally> tallies) throws SQLException {
        if (tallies.isEmpty()) {
            return List.of();
        }
        List<EndpointTally> ordered = new ArrayList<>(tallies);
        ordered.sort(Comparator.comparingLong(EndpointTally::endpointId));
        try (PreparedStatement count = connection.prepareStatement(TALLY_SQL)) {
            for (EndpointTally t : ordered) {
                boolean restart = t.successes() > 0;
                count.setInt(1, t.successes());
                count.setInt(2, t.failures());
                count.setBoolean(3, restart);
                count.setInt(4, t.trailingFailures());
                count.setInt(5, t.trailingFailures());
                count.setBoolean(6, restart);
                SqlParameters.setInstant(count, 7, t.failingSince());
                SqlParameters.setInstant(count, 8, t.failingSince());
                SqlParameters.setInstant(count, 9, t.lastSuccessAt());
                count.setLong(10, t.endpointId());
                count.addBatch();
            }
            count.executeBatch();
        }
        List<Long> disabled = new ArrayList<>();
        try (PreparedStatement disable = connection.prepareStatement(DISABLE_SQL)) {
            for (EndpointTally t : ordered) {
                if (t.disableReason() != null) {
                    disable.setString(1, t.disableReason());
                    SqlParameters.setInstant(disable, 2, t.at());
                    disable.setLong(3, t.endpointId());
                    if (disable.executeUpdate() > 0) {
                        disabled.add(t.endpointId());
                    }
                }
            }
        }
        return disabled;
    }
}
