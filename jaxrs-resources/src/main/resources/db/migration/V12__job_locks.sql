-- Issue 15: jobs that must run on one instance at a time (retention) take a row lock here: a
-- conditional UPDATE that succeeds for one instance per job until locked_until, which is also how
-- often the job runs across the whole cluster. A lease, not a session lock, so a dead instance's
-- hold simply runs out.
CREATE TABLE job_locks (
    name          VARCHAR(64)  PRIMARY KEY,
    locked_until  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    locked_by     VARCHAR(128) NOT NULL
);
