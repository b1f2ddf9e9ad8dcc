-- PostgreSQL only. A key's rate-limit bucket is taken from by every authenticated request: a
-- SELECT ... FOR UPDATE, an UPDATE and a commit. Logged, that commit waited for a WAL flush on every
-- request, and every bucket write went to the WAL. Buckets are short-lived counters, not records:
-- after a database crash PostgreSQL empties an unlogged table, every key starts again from a full
-- bucket (as after the expiry the retention job applies), and a standby promoted by failover starts
-- with no buckets either. Nothing else is lost; no other table refers to this one.
ALTER TABLE rate_limit_buckets SET UNLOGGED;
