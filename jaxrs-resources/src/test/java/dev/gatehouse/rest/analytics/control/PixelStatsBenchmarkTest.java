package dev.gatehouse.rest.analytics.control;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatehouse.analytics.Site;
import dev.gatehouse.analytics.SiteSpec;
import dev.gatehouse.analytics.StatsRequest;
import dev.gatehouse.rest.testing.TestDatabase;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measurements for BENCHMARKS.md, not assertions: the stats query for 30 days by day over
 * generated events on PostgreSQL, from raw events and after the days are rolled up. Run only with
 * {@code -Dgatehouse.bench=true}; {@code -Dgatehouse.bench.pixel-events=N} sets the size (1,000,000).
 *
 * <pre>
 * mvn -q -B -o -pl jaxrs-resources -am verify -Dgatehouse.bench=true -Dgatehouse.bench.pixel-events=10000000 \
 *     -Dtest=PixelStatsBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "gatehouse.bench", matches = "true")
class PixelStatsBenchmarkTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-03-31");

    @Test
    void stats_30DaysByDay_rawThenRolledUp() {
        String unavailable = TestDatabase.postgresUnavailableReason();
        assumeTrue(unavailable == null, unavailable);
        long n = Long.getLong("gatehouse.bench.pixel-events", 1_000_000);
        try (TestDatabase db = TestDatabase.postgres()) {
            Clock clock = Clock.fixed(TODAY.atTime(23, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
            db.workspace(1, "pro");
            Site site = db.inTransaction(em -> {
                SiteStore s = new SiteStore();
                s.em = em;
                s.clock = clock;
                return s.create(1, new SiteSpec("Bench", List.of("bench.test"), SiteSpec.DEFAULT_FEATURES, 1, false, 1000, true));
            });
            long start = TODAY.minusDays(29).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            long t0 = System.nanoTime();
            // 30 days; a visitor makes ~5 hits a day, a visit ~3; 200 pages, 20 sources, 3 devices, 10 % custom events.
            db.sql("INSERT INTO pixel_events (site_id, at_ms, event_day, event_hour, visitor_id, visit_id, kind, name, hostname,"
                    + " pathname, source, utm_source, utm_medium, utm_campaign, utm_term, utm_content, device, properties, interactive)"
                    + " SELECT " + site.id() + ", a, DATE '" + TODAY.minusDays(29) + "' + d::int, a / 3600000, (g / 5) * 31 + d, g / 3 + d * 1000000000,"
                    + " CASE WHEN g % 10 = 0 THEN 1 ELSE 0 END, CASE WHEN g % 10 = 0 THEN 'Signup' ELSE 'pageview' END, 'bench.test',"
                    + " '/p' || (g % 200), CASE WHEN g % 4 = 0 THEN NULL ELSE 's' || (g % 20) || '.com' END, NULL, NULL,"
                    + " CASE WHEN g % 7 = 0 THEN 'spring' ELSE NULL END, NULL, NULL,"
                    + " CASE g % 3 WHEN 0 THEN 'desktop' WHEN 1 THEN 'mobile' ELSE 'tablet' END, NULL, g % 10 = 0"
                    + " FROM (SELECT g, g % 30 AS d, " + start + " + (g % 30) * 86400000 + (g * 7919) % 86400000 AS a"
                    + " FROM generate_series(1::bigint, " + n + ") AS g) x",
                    "ANALYZE pixel_events");
            System.out.printf(Locale.ROOT, "BENCH pixel: generated %,d events in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);

            StatsRequest month = StatsRequest.parse(Map.of("period", "30d"), clock);
            StatsRequest byPage = StatsRequest.parse(Map.of("period", "30d", "breakdown", "page"), clock);
            LocalDate rawFrom = TODAY.minusDays(30);
            report("raw, 30 days by day", db, site, month, rawFrom);
            report("raw, 30 days by day + top pages", db, site, byPage, rawFrom);

            long r0 = System.nanoTime();
            for (LocalDate d = TODAY.minusDays(29); d.isBefore(TODAY.plusDays(1)); d = d.plusDays(1)) {
                LocalDate day = d;
                db.inTransaction(em -> {
                    PixelStats stats = new PixelStats();
                    stats.em = em;
                    SiteStore sites = new SiteStore();
                    sites.em = em;
                    sites.clock = clock;
                    PixelEventStore events = new PixelEventStore();
                    events.em = em;
                    events.stats = stats;
                    events.sites = sites;
                    events.rollUp(site.id(), day);
                    return null;
                });
            }
            System.out.printf(Locale.ROOT, "BENCH pixel: rolled up 30 days in %.1f s%n", (System.nanoTime() - r0) / 1e9);
            report("rolled up, 30 days by day", db, site, month, rawFrom);
            report("rolled up, 30 days by day + top pages", db, site, byPage, rawFrom);
            report("rolled up, 12 months by month", db, site, StatsRequest.parse(Map.of("period", "12mo", "interval", "month"), clock), rawFrom);
        }
    }

    private static void report(String label, TestDatabase db, Site site, StatsRequest request, LocalDate rawFrom) {
        List<Double> ms = new ArrayList<>();
        long sink = 0;
        for (int i = 0; i < 12; i++) {
            long t = System.nanoTime();
            PixelStats.Report r = db.inTransaction(em -> {
                PixelStats stats = new PixelStats();
                stats.em = em;
                return stats.report(site.id(), request, rawFrom);
            });
            sink += r.aggregate().pageviews();
            if (i >= 2) { // two warm-up runs
                ms.add((System.nanoTime() - t) / 1e6);
            }
        }
        Collections.sort(ms);
        System.out.printf(Locale.ROOT, "BENCH pixel stats %s: p50 %.1f ms, max %.1f ms over %d runs (pageviews %d)%n",
                label, ms.get(ms.size() / 2), ms.get(ms.size() - 1), ms.size(), sink / 12);
    }
}
