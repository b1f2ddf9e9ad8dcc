-- Usage per workspace, feature and UTC day (issue 14: the usage time series behind the portal's
-- charts and GET /entitlements/usage/series). Added to in the same transaction as the counter, only
-- when usage is recorded; limit adjustments correct the counter, not the history.
CREATE TABLE usage_daily (
    workspace_id  BIGINT       NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    feature       VARCHAR(64)  NOT NULL,
    usage_day     DATE         NOT NULL,
    quantity      BIGINT       NOT NULL,
    CONSTRAINT pk_usage_daily PRIMARY KEY (workspace_id, feature, usage_day)
);
