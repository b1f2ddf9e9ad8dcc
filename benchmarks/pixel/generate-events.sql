-- Pixel stats benchmark: :n generated hits (rounded down to a multiple of 180) of site :site over
-- the 30 days from :'first_day', into pixel_events as the ingest writer stores them: day by day, so
-- a day's rows lie together on disk as they do when written as they arrive; then their visits into
-- pixel_visits, summed as the writer's upserts (and V37) sum them. Reproducible: no random().
-- Run by PixelStatsBenchmarkTest (jaxrs-resources), or by hand:
--   psql -v site=1 -v n=10000000 -v first_day=2026-03-02 -f benchmarks/pixel/generate-events.sql
-- Hit g belongs to visit g/3 (three hits a minute apart) and visitor g/6 (two visits a day);
-- a visitor's hits fall on one day, the visits spread over its 24 hours; 200 pages, 20 referrer sources
-- (a quarter direct), every 7th visit a "spring" campaign, 3 device classes, every 10th hit a
-- custom "Signup" event (interactive). At 10 million: ~333,000 hits, ~111,000 visits and ~55,000
-- visitors a day.
INSERT INTO pixel_events (site_id, at_ms, event_day, event_hour, visitor_id, visit_id, kind, name, hostname,
    pathname, source, utm_source, utm_medium, utm_campaign, utm_term, utm_content, device, properties, interactive)
SELECT :site, a, DATE :'first_day' + d, a / 3600000, v + 1, s + 1,
    CASE WHEN g % 10 = 0 THEN 1 ELSE 0 END, CASE WHEN g % 10 = 0 THEN 'Signup' ELSE 'pageview' END, 'bench.test',
    '/p' || (g % 200), CASE WHEN s % 4 = 0 THEN NULL ELSE 's' || (s % 20) || '.com' END, NULL, NULL,
    CASE WHEN s % 7 = 0 THEN 'spring' ELSE NULL END, NULL, NULL,
    CASE v % 3 WHEN 0 THEN 'desktop' WHEN 1 THEN 'mobile' ELSE 'tablet' END, NULL, g % 10 = 0
FROM (SELECT g, s, v, d,
             (EXTRACT(EPOCH FROM DATE :'first_day')::bigint + d * 86400) * 1000
                 + (s * 7919) % 86000000 + (g % 3) * 60000 AS a
      FROM (SELECT g, g / 3 AS s, g / 6 AS v, d
            FROM (SELECT d, d * (:n / 180 * 6) + i AS g
                  FROM generate_series(0, 29) AS d, generate_series(0::bigint, :n / 180 * 6 - 1) AS i) days) ids) x;
INSERT INTO pixel_visits (site_id, visit_day, visit_id, visitor_id, hits, pageviews, events, interactions, first_ms,
    last_ms, source, utm_source, utm_medium, utm_campaign, utm_term, utm_content, device)
SELECT site_id, event_day, visit_id, min(visitor_id), count(*), sum(CASE WHEN kind = 0 THEN 1 ELSE 0 END),
    sum(CASE WHEN kind = 1 THEN 1 ELSE 0 END), sum(CASE WHEN interactive THEN 1 ELSE 0 END), min(at_ms), max(at_ms),
    min(source), min(utm_source), min(utm_medium), min(utm_campaign), min(utm_term), min(utm_content), min(device)
FROM pixel_events WHERE site_id = :site
GROUP BY site_id, event_day, visit_id ORDER BY event_day, visit_id;
ANALYZE pixel_events;
ANALYZE pixel_visits;
