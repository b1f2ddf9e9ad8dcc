-- Issue 15: an "in progress" Idempotency-Key row holds a lease. A request that claimed the key and whose
-- instance then died leaves the row behind; once its lease has run out, a retry with the same request
-- takes the key over and runs, instead of answering 409 until the record expires 24 hours later.
ALTER TABLE idempotency_keys ADD COLUMN lease_until TIMESTAMP(6) WITH TIME ZONE;
