-- The stats of days not rolled up yet (today, filters, hourly series) group a site's days by visit.
-- This index holds every column those queries read, in visit order, so PostgreSQL answers them with
-- an index-only scan and a streaming aggregate instead of reading the table and sorting
-- (PixelStats.rawBuckets; over 10 million events one day's visit pass went from three sorting
-- queries to one that does not sort — BENCHMARKS.md, pixel stats). It starts with the columns of
-- ix_pixel_events_site_day, which it replaces, so each hit still updates one secondary index.
-- INCLUDE is PostgreSQL's; H2 keeps the index of V20.
CREATE INDEX ix_pixel_events_visits ON pixel_events (site_id, event_day, visit_id)
    INCLUDE (visitor_id, kind, interactive, at_ms);
DROP INDEX ix_pixel_events_site_day;

-- An index-only scan skips the table only for pages the visibility map marks all-visible, which
-- autovacuum sets. pixel_events only grows (and loses whole days to retention), and by default an
-- insert-only table is vacuumed after 20 % new rows — two million at ten million, days of hits.
-- After 1 % instead, today's rows are mostly all-visible within minutes.
ALTER TABLE pixel_events SET (autovacuum_vacuum_insert_scale_factor = 0.01);
