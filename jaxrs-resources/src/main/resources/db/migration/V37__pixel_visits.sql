-- One row per visit and day, written by the ingest writer next to the visit's hits (an upsert per
-- visit per batch: counts add up, first_ms/last_ms widen, visitor_id keeps the smaller id), so the
-- stats of a day not rolled up yet (today) and its source/campaign/device breakdowns read a third
-- as many rows as there are hits (BENCHMARKS.md, pixel stats). A visit crossing midnight has a row
-- on each day, as the raw queries count it. source, utm_* and device are the visit's (every hit of a
-- visit carries its first hit's). interactions counts interactive hits (a visit with one pageview
-- and no interaction is a bounce). Rows go with their site and with raw events past retention.
CREATE TABLE pixel_visits (
    site_id      BIGINT        NOT NULL,
    visit_day    DATE          NOT NULL,
    visit_id     BIGINT        NOT NULL,
    visitor_id   BIGINT        NOT NULL,
    hits         BIGINT        NOT NULL,
    pageviews    BIGINT        NOT NULL,
    events       BIGINT        NOT NULL,
    interactions BIGINT        NOT NULL,
    first_ms     BIGINT        NOT NULL,
    last_ms      BIGINT        NOT NULL,
    source       VARCHAR(253),
    utm_source   VARCHAR(200),
    utm_medium   VARCHAR(200),
    utm_campaign VARCHAR(200),
    utm_term     VARCHAR(200),
    utm_content  VARCHAR(200),
    device       VARCHAR(16)   NOT NULL,
    PRIMARY KEY (site_id, visit_day, visit_id)
);

-- The visits of the raw events already stored (benchmarks/pixel/generate-events.sql does the same).
INSERT INTO pixel_visits (site_id, visit_day, visit_id, visitor_id, hits, pageviews, events, interactions, first_ms,
    last_ms, source, utm_source, utm_medium, utm_campaign, utm_term, utm_content, device)
SELECT site_id, event_day, visit_id, min(visitor_id), count(*), sum(CASE WHEN kind = 0 THEN 1 ELSE 0 END),
    sum(CASE WHEN kind = 1 THEN 1 ELSE 0 END), sum(CASE WHEN interactive THEN 1 ELSE 0 END), min(at_ms), max(at_ms),
    min(source), min(utm_source), min(utm_medium), min(utm_campaign), min(utm_term), min(utm_content), min(device)
FROM pixel_events
GROUP BY site_id, event_day, visit_id;
