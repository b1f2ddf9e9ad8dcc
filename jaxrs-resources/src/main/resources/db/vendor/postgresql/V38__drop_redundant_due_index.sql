-- PostgreSQL only. The claim of due deliveries (PostgresDeliveryClaims) reads the partial index of
-- deliveries still to send (V5, ix_webhook_deliveries_open); nothing else on PostgreSQL reads
-- ix_webhook_deliveries_due, which every delivery insert and every recorded attempt (a new
-- next_attempt_at) kept up to date all the same: one index write in five per outbox row. H2 has no
-- partial indexes and keeps it for its claim.
DROP INDEX IF EXISTS ix_webhook_deliveries_due;
