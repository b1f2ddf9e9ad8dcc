-- Gatehouse schema, part 3: plan entitlements (usage counters, idempotent usage events, threshold
-- marks, per-workspace limit overrides) and the shared rate-limit buckets.
-- One SQL set for H2 (MODE=PostgreSQL) and PostgreSQL. Timestamps are UTC instants.

-- One row per workspace, feature and period; changed only by guarded atomic updates
-- (UPDATE ... SET used = used + ? WHERE ... AND used + ? <= ?), never read-modify-write.
-- Rows of past periods are kept: they are the usage history.
CREATE TABLE usage_counters (
    workspace_id  BIGINT       NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    feature       VARCHAR(64)  NOT NULL,
    period_start  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    used          BIGINT       NOT NULL,
    CONSTRAINT pk_usage_counters PRIMARY KEY (workspace_id, feature, period_start)
);

-- Usage recorded with an event_id, so a retry counts once and answers as the first time did.
-- total_after is the counter right after this event; metadata is the caller's JSON, verbatim.
CREATE TABLE usage_events (
    workspace_id  BIGINT        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    event_id      VARCHAR(128)  NOT NULL,
    feature       VARCHAR(64)   NOT NULL,
    quantity      BIGINT        NOT NULL,
    total_after   BIGINT        NOT NULL,
    recorded_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    metadata      VARCHAR(4000),
    CONSTRAINT pk_usage_events PRIMARY KEY (workspace_id, event_id)
);
CREATE INDEX ix_usage_events_recorded ON usage_events (recorded_at);

-- "80 % / 100 % of the limit reached" was announced for this counter: once per period.
CREATE TABLE usage_threshold_marks (
    workspace_id  BIGINT       NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    feature       VARCHAR(64)  NOT NULL,
    period_start  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    percent       INTEGER      NOT NULL,
    marked_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_usage_threshold_marks PRIMARY KEY (workspace_id, feature, period_start, percent)
);

-- A root key's override of a workspace's limit for one feature (or a grant of a feature the tier lacks).
CREATE TABLE entitlement_overrides (
    workspace_id       BIGINT       NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    feature            VARCHAR(64)  NOT NULL,
    limit_type         VARCHAR(16)  NOT NULL,
    limit_value        BIGINT       NOT NULL,
    created_at         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    created_by_key_id  BIGINT,
    CONSTRAINT pk_entitlement_overrides PRIMARY KEY (workspace_id, feature),
    CONSTRAINT ck_entitlement_overrides_type CHECK (limit_type IN ('HARD', 'SOFT', 'UNLIMITED'))
);

-- Bucket4j's PostgreSQL proxy manager (gatehouse.rate-limit.store=postgres): one serialized token
-- bucket per key id ("k:<tier>:<key id>") or client address ("a:<address>"); expires_at is epoch
-- milliseconds after which an idle bucket is full again and may be deleted.
CREATE TABLE rate_limit_buckets (
    id          VARCHAR(255)  NOT NULL PRIMARY KEY,
    state       BYTEA,
    expires_at  BIGINT
);
CREATE INDEX ix_rate_limit_buckets_expires ON rate_limit_buckets (expires_at);
