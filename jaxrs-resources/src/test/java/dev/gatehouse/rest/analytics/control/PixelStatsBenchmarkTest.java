package dev.gatehouse.rest.analytics.control;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatehouse.analytics.Site;
import dev.gatehouse.analytics.SiteSpec;
import dev.gatehouse.analytics.StatsRequest;
import dev.gatehouse.rest.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measurements for BENCHMARKS.md, not assertions: the stats queries over generated events on
 * PostgreSQL, through the real {@link PixelStats}. Run only with {@code -Dgatehouse.bench=true};
 * {@code -Dgatehouse.bench.pixel-events=N} sets the size (1,000,000). The events come from
 * {@code benchmarks/pixel/generate-events.sql} (30 days, the last one "today").
 *
 * <p>As in production, the days before today are rolled up (the hourly job does it after
 * midnight) and today is answered from raw events; the state right after midnight — every day of
 * the period rolled up — is measured last. Each query runs 2 times to warm up, then 20 times
 * (a filtered 30-day query, which reads every raw event, 1 + 3 times).
 *
 * <pre>
 * mvn -q -B -o -pl jaxrs-resources -am verify -DskipITs -Dgatehouse.bench=true -Dgatehouse.bench.pixel-events=10000000 \
 *     -Dtest=PixelStatsBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "gatehouse.bench", matches = "true")
class PixelStatsBenchmarkTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-03-31");
    private static final Path GENERATOR = Path.of("..", "benchmarks", "pixel", "generate-events.sql");

    @Test
    void stats_overGeneratedEvents_todayRawThenAllRolledUp() {
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
            long t0 = System.nanoTime();
            db.sql(generator(site.id(), n, TODAY.minusDays(29)));
            System.out.printf(Locale.ROOT, "BENCH pixel: generated %,d events in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);

            long r0 = System.nanoTime();
            for (LocalDate d = TODAY.minusDays(29); d.isBefore(TODAY); d = d.plusDays(1)) {
                rollUp(db, clock, site, d);
            }
            System.out.printf(Locale.ROOT, "BENCH pixel: rolled up 29 days in %.1f s%n", (System.nanoTime() - r0) / 1e9);
            LocalDate rawFrom = TODAY.minusDays(30);
            report("30 days by day, today raw, before any VACUUM", db, site, q(clock, "period", "30d"), rawFrom, 20);
            db.sql("VACUUM ANALYZE pixel_events");

            Map<String, StatsRequest> queries = new LinkedHashMap<>();
            queries.put("30 days by day", q(clock, "period", "30d"));
            for (String b : List.of("page", "source", "utm_campaign", "device", "event")) {
                queries.put("30 days by day + top " + b + " (25)", q(clock, "period", "30d", "breakdown", b));
            }
            queries.put("7 days by day", q(clock, "period", "7d"));
            queries.put("12 months by month", q(clock, "period", "12mo", "interval", "month"));
            queries.put("today by hour + top pages", q(clock, "period", "today", "interval", "hour", "breakdown", "page"));
            queries.forEach((label, request) -> report(label + ", today raw", db, site, request, rawFrom, 20));
            report("30 days by day, filter device==mobile (raw events only)", db, site,
                    q(clock, "period", "30d", "filters", "device==mobile"), rawFrom, 3);

            rollUp(db, clock, site, TODAY);
            report("30 days by day, every day rolled up", db, site, q(clock, "period", "30d"), rawFrom, 20);
            report("30 days by day + top pages, every day rolled up", db, site, q(clock, "period", "30d", "breakdown", "page"),
                    rawFrom, 20);
        }
    }

    /** The generator's statements with its psql variables filled in. */
    static String[] generator(long siteId, long n, LocalDate firstDay) {
        try {
            String sql = Files.readAllLines(GENERATOR).stream().filter(l -> !l.startsWith("--"))
                    .collect(Collectors.joining("\n"))
                    .replace(":'first_day'", "'" + firstDay + "'").replace(":site", Long.toString(siteId))
                    .replace(":n", Long.toString(n));
            return Arrays.stream(sql.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException("run from jaxrs-resources, next to ../benchmarks", e);
        }
    }

    private static StatsRequest q(Clock clock, String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return StatsRequest.parse(m, clock);
    }

    private static void rollUp(TestDatabase db, Clock clock, Site site, LocalDate day) {
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

    private static void report(String label, TestDatabase db, Site site, StatsRequest request, LocalDate rawFrom, int runs) {
        List<Double> ms = new ArrayList<>();
        long pageviews = 0;
        int warmUps = runs >= 20 ? 2 : 1;
        for (int i = 0; i < warmUps + runs; i++) {
            long t = System.nanoTime();
            PixelStats.Report r = db.inTransaction(em -> {
                PixelStats stats = new PixelStats();
                stats.em = em;
                return stats.report(site.id(), request, rawFrom);
            });
            pageviews = r.aggregate().pageviews();
            if (i >= warmUps) {
                ms.add((System.nanoTime() - t) / 1e6);
            }
        }
        Collections.sort(ms);
        double p50 = ms.get((ms.size() - 1) / 2);
        double p99 = ms.get((int) Math.ceil(0.99 * ms.size()) - 1); // nearest rank: the maximum below 100 runs
        System.out.printf(Locale.ROOT, "BENCH pixel stats | %s | %.1f | %.1f | %d | pageviews %,d | load %s%n",
                label, p50, p99, runs, pageviews, loadAverage());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
