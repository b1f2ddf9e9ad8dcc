/**
 * The pixel's persistence and machinery: {@link dev.gatehouse.rest.analytics.control.SiteStore}
 * (sites, with the snapshot {@link dev.gatehouse.rest.analytics.control.SiteDirectoryCache} the
 * public endpoints resolve domains with), {@link dev.gatehouse.rest.analytics.control.JpaSaltStore}
 * (the daily salts, shared by every instance), {@link dev.gatehouse.rest.analytics.control.PixelIngest}
 * (a bounded in-memory queue written in batches), {@link dev.gatehouse.rest.analytics.control.PixelEventStore}
 * (batched inserts of hits with an upsert of their visits' rows, roll-ups, retention),
 * {@link dev.gatehouse.rest.analytics.control.PixelStats} (the stats queries) and
 * {@link dev.gatehouse.rest.analytics.control.PixelMaintenance} (the hourly salt, roll-up and
 * retention job).
 *
 * <p>Decisions: the request path never touches the database — a hit is checked against an
 * in-memory snapshot of the sites and queued, so tracking costs what the public ping costs plus
 * the checks; a full queue answers 503 rather than growing the heap. A crash loses what is queued
 * (at most one flush interval of hits). Stats answer complete days from daily roll-ups and the rest
 * from raw events, which are kept for {@code gatehouse.pixel.retention-days} — from their visits'
 * rows (one per visit and day, summed by the writer) wherever a visit's attribution is all the
 * answer needs, from the hits for pages, events and hours.
 */
package dev.gatehouse.rest.analytics.control;
