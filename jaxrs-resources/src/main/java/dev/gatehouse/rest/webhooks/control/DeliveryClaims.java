package dev.gatehouse.rest.webhooks.control;

import dev.gatehouse.webhooks.Delivery;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * How one database claims due deliveries for a worker: lock what no other worker holds, skip the
 * rest, lease what was locked and return it, earliest due first. One class per database (as
 * Bucket4j has one per backend), because the statement that is fast on one is slow or missing on
 * the other; {@link JpaWebhookStore#claimDue} picks one by the database it finds.
 */
abstract sealed class DeliveryClaims permits PostgresDeliveryClaims, H2DeliveryClaims {

    static final DeliveryClaims POSTGRES = new PostgresDeliveryClaims();
    static final DeliveryClaims H2 = new H2DeliveryClaims();

    /** Due deliveries, earliest first: pending or retrying, due, and not leased to a live worker. */
    static final String DUE_SQL = "SELECT id FROM webhook_deliveries WHERE status IN ('pending', 'retrying')"
            + " AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?) ORDER BY next_attempt_at, id LIMIT ?";

    /** Claims up to {@code max} due deliveries, leased until {@code leaseUntil}, on the caller's transaction. */
    abstract List<Delivery> claim(Connection connection, Instant now, int max, Instant leaseUntil) throws SQLException;

    static List<Delivery> earliestFirst(List<Delivery> claimed) {
        claimed.sort(Comparator.comparing(Delivery::nextAttemptAt).thenComparingLong(Delivery::id));
        return claimed;
    }
}
