-- Cache invalidation across instances (issue 15). Every change that can deny access or change limits
-- advances this counter in its own transaction and, on PostgreSQL, announces itself with pg_notify in
-- that transaction. Instances listen for the notifications and also read the counter every few seconds:
-- when it moved without a notification they saw, they drop all their caches (the safety net).
CREATE TABLE cache_changes (
    id       INTEGER PRIMARY KEY,
    counter  BIGINT  NOT NULL
);
INSERT INTO cache_changes (id, counter) VALUES (1, 0);
