-- PostgreSQL only (H2 has no partial indexes). Version numbers are shared with db/migration: the
-- next migration of either kind takes the next number.
--
-- The due-claim index holds only deliveries still to send. With ix_webhook_deliveries_due alone,
-- a burst that grew the table faster than autovacuum analysed it left the planner expecting a
-- handful of due rows, so it chose a sequential scan and a sort: 54 ms per claim at 110,000 rows.
-- This index stays small as deliveries finish and makes a claim an index scan (0.08 ms).
CREATE INDEX ix_webhook_deliveries_open ON webhook_deliveries (next_attempt_at, id)
    WHERE status IN ('pending', 'retrying');

-- The outbox is a queue: rows are inserted, updated twice and finished within seconds. Analyse and
-- vacuum it after 2 % of its rows change instead of 10-20 %, so the planner's picture and the
-- partial index keep up with bursts.
ALTER TABLE webhook_deliveries SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
