package dev.gatehouse.rest.analytics.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.analytics.Attribution;
import dev.gatehouse.analytics.DailySalts;
import dev.gatehouse.analytics.DeviceClass;
import dev.gatehouse.analytics.Dimension;
import dev.gatehouse.analytics.EventKind;
import dev.gatehouse.analytics.InMemorySaltStore;
import dev.gatehouse.analytics.SaltStore;
import dev.gatehouse.analytics.Site;
import dev.gatehouse.analytics.SiteSpec;
import dev.gatehouse.analytics.StatsRequest;
import dev.gatehouse.analytics.TrackedEvent;
import dev.gatehouse.analytics.VisitTracker;
import dev.gatehouse.analytics.VisitorId;
import dev.gatehouse.entitlements.Concurrently;
import dev.gatehouse.errors.ValidationException;
import dev.gatehouse.rest.testing.TestDatabase;
import jakarta.persistence.EntityManager;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The pixel's stores on a real database (H2 in PostgreSQL mode and PostgreSQL): salts shared
 * through {@code pixel_salts}, batched event inserts, the stats queries, roll-ups that answer once
 * raw events are gone, and site deletion.
 */
abstract class PixelStoreContract {

    static final LocalDate DAY = LocalDate.parse("2026-03-10");
    private static final AtomicLong WORKSPACES = new AtomicLong(7000);

    abstract TestDatabase database();

    private final Clock clock = Clock.fixed(DAY.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    SiteStore sites(EntityManager em) {
        SiteStore s = new SiteStore();
        s.em = em;
        s.clock = clock;
        return s;
    }

    PixelStats stats(EntityManager em) {
        PixelStats s = new PixelStats();
        s.em = em;
        return s;
    }

    PixelEventStore events(EntityManager em) {
        PixelEventStore e = new PixelEventStore();
        e.em = em;
        e.stats = stats(em);
        e.sites = sites(em);
        return e;
    }

    private Site newSite() {
        long ws = WORKSPACES.incrementAndGet();
        database().workspace(ws, "pro");
        return database().inTransaction(em -> sites(em).create(ws, new SiteSpec("Shop", List.of("example.com"),
                SiteSpec.DEFAULT_FEATURES, 1.0, false, 1000, true)));
    }

    @Test
    void delete_sameSite16TimesAtOnce_exactlyOneDeletes() throws Exception {
        // Found by the malformed-input sweep: the losers of a concurrent delete failed at commit (500).
        Site site = newSite();

        List<Boolean> deleted = Concurrently.run(16, t -> () -> database().inTransaction(em -> sites(em).delete(site.workspaceId(), site.id())));

        boolean deletedAgain = database().inTransaction(em -> sites(em).delete(site.workspaceId(), site.id()));
        assertThat(deleted).containsOnlyOnce(true);
        assertThat(deletedAgain).isFalse();
    }

    private static Attribution from(String source, String campaign, DeviceClass device) {
        return new Attribution(source, source, null, campaign, null, null, device);
    }

    private static PixelEventStore.Row row(Site site, String at, long visitor, long visit, EventKind kind, String name,
                                           String path, Attribution a) {
        TrackedEvent e = new TrackedEvent(site.id(), Instant.parse(at), new VisitorId(visitor, 0), kind, name, "example.com",
                path, a, kind == EventKind.CUSTOM ? "{\"plan\":\"pro\"}" : null, kind == EventKind.CUSTOM, true);
        return new PixelEventStore.Row(e, new VisitTracker.Visit(visit, false, a));
    }

    /** Visitor 1: a visit of 3 pageviews over 4 minutes and a signup; visitor 2: one bouncing pageview on mobile. */
    private List<PixelEventStore.Row> day(Site site) {
        Attribution google = from("google.com", "spring", DeviceClass.DESKTOP);
        Attribution direct = from(null, null, DeviceClass.MOBILE);
        List<PixelEventStore.Row> rows = new ArrayList<>();
        rows.add(row(site, "2026-03-10T09:00:00Z", 1, 11, EventKind.PAGEVIEW, "pageview", "/", google));
        rows.add(row(site, "2026-03-10T09:02:00Z", 1, 11, EventKind.PAGEVIEW, "pageview", "/pricing", google));
        rows.add(row(site, "2026-03-10T09:03:00Z", 1, 11, EventKind.CUSTOM, "Signup", "/pricing", google));
        rows.add(row(site, "2026-03-10T09:04:00Z", 1, 11, EventKind.PAGEVIEW, "pageview", "/welcome", google));
        rows.add(row(site, "2026-03-10T15:30:00Z", 2, 22, EventKind.PAGEVIEW, "pageview", "/pricing", direct));
        return rows;
    }

    private static StatsRequest request(Map<String, String> q) {
        return StatsRequest.parse(q, Clock.fixed(Instant.parse("2026-03-10T20:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void salts_shareOneSaltPerDay_andKeepOnlyTwoDays() {
        SaltStore store = database().perCallTransactions(SaltStore.class, em -> {
            JpaSaltStore s = new JpaSaltStore();
            s.em = em;
            s.clock = clock;
            return s;
        });
        byte[] first = store.putIfAbsent(LocalDate.parse("2031-01-01"), new byte[] {1, 2, 3});
        byte[] second = store.putIfAbsent(LocalDate.parse("2031-01-01"), new byte[] {9, 9, 9});
        assertThat(second).isEqualTo(first).containsExactly(1, 2, 3);

        Clock day3 = Clock.fixed(Instant.parse("2031-01-03T08:00:00Z"), ZoneOffset.UTC);
        DailySalts salts = new DailySalts(store, day3, new SecureRandom());
        salts.visitor(1, "203.0.113.9", "UA");
        assertThat(store.find(LocalDate.parse("2031-01-03"))).isPresent();
        assertThat(store.find(LocalDate.parse("2031-01-01"))).as("older than yesterday").isEmpty();
        DailySalts otherInstance = new DailySalts(store, day3, new SecureRandom());
        assertThat(otherInstance.visitor(1, "203.0.113.9", "UA")).isEqualTo(salts.visitor(1, "203.0.113.9", "UA"));
    }

    @Test
    void report_fromRawEvents_countsVisitorsVisitsBouncesAndDuration() {
        Site site = newSite();
        database().inTransaction(em -> {
            events(em).insert(day(site));
            return null;
        });
        PixelStats.Report r = database().inTransaction(em -> stats(em).report(site.id(),
                request(Map.of("period", "7d", "breakdown", "page")), DAY.minusDays(30)));
        Metrics m = r.aggregate();
        assertThat(m).isEqualTo(new Metrics(2, 2, 4, 1, 1, 240_000));
        assertThat(m.bounceRate()).isEqualTo(50);
        assertThat(m.visitDurationSeconds()).isEqualTo(120);
        assertThat(m.viewsPerVisit()).isEqualTo(2.0);
        assertThat(r.series()).hasSize(7);
        assertThat(r.series().get(6).label()).isEqualTo("2026-03-10");
        assertThat(r.breakdown().entries()).extracting(PixelStats.Entry::value).containsExactly("/pricing", "/", "/welcome");
        assertThat(r.breakdown().entries().get(0).metrics().visitors()).isEqualTo(2);
    }

    @Test
    void visits_writtenByTwoWritersAtOnce_combineIntoExactStats() throws Exception {
        // Two instances' writers (and batches of one writer) upsert the same visit row: the parts add up.
        Site site = newSite();
        List<PixelEventStore.Row> rows = day(site);
        List<Object> done = Concurrently.run(rows.size(), t -> () -> database().inTransaction(em -> {
            events(em).insert(List.of(rows.get(t)));
            return null;
        }));
        assertThat(done).hasSize(rows.size());

        PixelStats.Report r = database().inTransaction(em -> stats(em).report(site.id(),
                request(Map.of("period", "today", "breakdown", "source")), DAY.minusDays(30)));
        assertThat(r.aggregate()).isEqualTo(new Metrics(2, 2, 4, 1, 1, 240_000));
        assertVisitsAnswerAsHits(site, DAY, DAY);
        assertThat(r.breakdown().entries()).containsExactly(new PixelStats.Entry(PixelStats.DIRECT, new Metrics(1, 1, 1, 0, 0, 0)),
                new PixelStats.Entry("google.com", new Metrics(1, 1, 3, 1, 0, 0)));
        assertThat(database().inTransaction(em -> (Number) em.createNativeQuery("SELECT count(*) FROM pixel_visits"
                + " WHERE site_id = " + site.id()).getSingleResult()).longValue()).isEqualTo(2);
    }

    @Test
    void visits_acrossBatchesAndMidnight_countAsTheRawEventsDo() {
        Site site = newSite();
        Attribution a = from("news.example", null, DeviceClass.TABLET);
        List<PixelEventStore.Row> rows = new ArrayList<>(day(site));
        // Visit 33 bounces in the first batch (one pageview) and not once its second pageview comes in the next.
        rows.add(row(site, "2026-03-10T18:00:00Z", 3, 33, EventKind.PAGEVIEW, "pageview", "/a", a));
        rows.add(row(site, "2026-03-10T18:10:00Z", 3, 33, EventKind.PAGEVIEW, "pageview", "/b", a));
        // Visit 44 crosses midnight: a visit on each day, as the raw events count it.
        rows.add(row(site, "2026-03-09T23:58:00Z", 4, 44, EventKind.PAGEVIEW, "pageview", "/late", a));
        rows.add(row(site, "2026-03-10T00:01:00Z", 8, 44, EventKind.PAGEVIEW, "pageview", "/early", a));
        for (List<PixelEventStore.Row> batch : List.of(rows.subList(0, 2), rows.subList(2, 6), rows.subList(6, rows.size()))) {
            database().inTransaction(em -> {
                events(em).insert(batch);
                return null;
            });
        }
        Map<String, String> week = Map.of("period", "7d", "breakdown", "device");
        PixelStats.Report r = database().inTransaction(em -> stats(em).report(site.id(), request(week), DAY.minusDays(30)));
        assertVisitsAnswerAsHits(site, DAY.minusDays(6), DAY);
        assertThat(r.breakdown().entries()).extracting(PixelStats.Entry::value).containsExactly("tablet", "desktop", "mobile");
        assertThat(r.series().get(5).metrics()).isEqualTo(new Metrics(1, 1, 1, 0, 1, 0));
        assertThat(r.series().get(6).metrics()).isEqualTo(new Metrics(4, 4, 7, 1, 2, 840_000));
        Map<String, String> tablet = Map.of("period", "today", "filters", "device==tablet");
        assertThat(database().inTransaction(em -> stats(em).report(site.id(), request(tablet), DAY.minusDays(30))).aggregate())
                .isEqualTo(new Metrics(2, 2, 3, 0, 1, 600_000));
    }

    /** The visit rows answer exactly what the hits do: the totals, each visit-level breakdown, a device filter. */
    private void assertVisitsAnswerAsHits(Site site, LocalDate from, LocalDate to) {
        database().inTransaction(em -> {
            PixelStats stats = stats(em);
            Map<Dimension, String> none = Map.of();
            assertThat(stats.rawDays(site.id(), from, to, none, true)).isEqualTo(stats.rawDays(site.id(), from, to, none, false))
                    .isNotEmpty();
            Map<Dimension, String> tablet = Map.of(Dimension.DEVICE, "tablet");
            assertThat(stats.rawDays(site.id(), from, to, tablet, true)).isEqualTo(stats.rawDays(site.id(), from, to, tablet, false));
            for (Dimension d : Dimension.values()) {
                if (d.ofVisit()) {
                    assertThat(stats.rawBreakdownByDay(site.id(), from, to, none, d, true)).as(d.wireName())
                            .isEqualTo(stats.rawBreakdownByDay(site.id(), from, to, none, d, false));
                }
            }
            return null;
        });
    }

    @Test
    void report_filtersCombine() {
        Site site = newSite();
        database().inTransaction(em -> {
            events(em).insert(day(site));
            return null;
        });
        PixelStats.Report mobilePricing = database().inTransaction(em -> stats(em).report(site.id(),
                request(Map.of("period", "today", "filters", "page==/pricing;device==mobile")), DAY.minusDays(30)));
        assertThat(mobilePricing.aggregate().pageviews()).isEqualTo(1);
        assertThat(mobilePricing.aggregate().visitors()).isEqualTo(1);
        PixelStats.Report direct = database().inTransaction(em -> stats(em).report(site.id(),
                request(Map.of("period", "today", "filters", "source==" + PixelStats.DIRECT, "breakdown", "event")),
                DAY.minusDays(30)));
        assertThat(direct.aggregate().visitors()).isEqualTo(1);
        assertThat(direct.breakdown().entries()).isEmpty();
        PixelStats.Report hourly = database().inTransaction(em -> stats(em).report(site.id(),
                request(Map.of("period", "today", "interval", "hour", "breakdown", "utm_campaign")), DAY.minusDays(30)));
        assertThat(hourly.series()).hasSize(24);
        assertThat(hourly.series().get(9).metrics().pageviews()).isEqualTo(3);
        assertThat(hourly.breakdown().entries()).extracting(PixelStats.Entry::value).containsExactly("spring");
    }

    @Test
    void rollUp_answersTheSameOnceRawEventsAreDeleted() {
        Site site = newSite();
        database().inTransaction(em -> {
            events(em).insert(day(site));
            return null;
        });
        StatsRequest month = request(Map.of("period", "30d", "interval", "month", "breakdown", "source"));
        PixelStats.Report before = database().inTransaction(em -> stats(em).report(site.id(), month, DAY.minusDays(30)));
        database().inTransaction(em -> {
            events(em).rollUp(site.id(), DAY);
            return null;
        });
        database().sql("DELETE FROM pixel_events WHERE site_id = " + site.id());
        PixelStats.Report after = database().inTransaction(em -> stats(em).report(site.id(), month, DAY.minusDays(30)));
        assertThat(after.aggregate()).isEqualTo(before.aggregate());
        assertThat(after.series()).isEqualTo(before.series());
        assertThat(after.breakdown()).isEqualTo(before.breakdown());
        assertThat(after.breakdown().entries()).extracting(PixelStats.Entry::value)
                .containsExactlyInAnyOrder("google.com", PixelStats.DIRECT);
        List<LocalDate> rolled = database().inTransaction(em -> events(em).rolledUpDays(site.id(), DAY.minusDays(1)));
        assertThat(rolled).containsExactly(DAY);

        assertThatThrownBy(() -> database().inTransaction(em -> stats(em).report(site.id(),
                request(Map.of("period", "30d", "filters", "device==mobile")), DAY.minusDays(5))))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void maintenance_rollsUpSettledDaysOnly_deletesRawEventsPastRetention_keepsTheStats() {
        long ws = WORKSPACES.incrementAndGet();
        database().workspace(ws, "pro");
        Clock longAgo = Clock.fixed(DAY.minusDays(40).atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC);
        Site site = database().inTransaction(em -> {
            SiteStore s = sites(em);
            s.clock = longAgo;
            return s.create(ws, new SiteSpec("Old shop", List.of("example.com"), SiteSpec.DEFAULT_FEATURES, 1.0, false, 1000, true));
        });
        Attribution a = from(null, null, DeviceClass.DESKTOP);
        List<PixelEventStore.Row> rows = new ArrayList<>(day(site)); // DAY (today below)
        rows.add(row(site, "2026-01-20T10:00:00Z", 5, 55, EventKind.PAGEVIEW, "pageview", "/expired", a)); // 49 days ago
        rows.add(row(site, "2026-03-09T23:59:59Z", 6, 66, EventKind.PAGEVIEW, "pageview", "/yesterday", a));
        rows.add(row(site, "2026-03-08T12:00:00Z", 7, 77, EventKind.PAGEVIEW, "pageview", "/before", a));
        database().inTransaction(em -> {
            events(em).insert(rows);
            return null;
        });
        StatsRequest month = request(Map.of("period", "30d", "breakdown", "page"));
        PixelStats.Report before = database().inTransaction(em -> stats(em).report(site.id(), month, DAY.minusDays(30)));

        // Five minutes after midnight the day before is not settled yet: only older days are rolled up.
        int early = maintenance(Clock.fixed(Instant.parse("2026-03-10T00:05:00Z"), ZoneOffset.UTC));
        List<LocalDate> rolledEarly = database().inTransaction(em -> events(em).rolledUpDays(site.id(), DAY.minusDays(31)));
        assertThat(rolledEarly).contains(DAY.minusDays(2)).doesNotContain(DAY.minusDays(1), DAY);
        assertThat(early).isEqualTo(rolledEarly.size());
        int later = maintenance(clock);
        List<LocalDate> rolled = database().inTransaction(em -> events(em).rolledUpDays(site.id(), DAY.minusDays(30)));
        assertThat(later).isEqualTo(1);
        assertThat(rolled).contains(DAY.minusDays(1)).doesNotContain(DAY).hasSize(30);

        PixelStats.Report after = database().inTransaction(em -> stats(em).report(site.id(), month, DAY.minusDays(30)));
        assertThat(after.aggregate()).isEqualTo(before.aggregate());
        assertThat(after.aggregate().pageviews()).isEqualTo(6);
        assertThat(after.breakdown()).isEqualTo(before.breakdown());
        assertThat(database().inTransaction(em -> (Number) em.createNativeQuery(
                "SELECT count(*) FROM pixel_events WHERE site_id = " + site.id() + " AND event_day < DATE '2026-02-08'")
                .getSingleResult()).longValue()).as("raw events older than the 30-day retention").isZero();
    }

    private int maintenance(Clock at) {
        return database().inTransaction(em -> {
            PixelMaintenance m = new PixelMaintenance();
            m.clock = at;
            m.sites = sites(em);
            m.events = events(em);
            m.settings = new PixelSettings();
            m.settings.retentionDays = 30;
            m.salts = new DailySalts(new InMemorySaltStore(), at, new SecureRandom());
            return m.run();
        });
    }

    @Test
    void deleteBefore_dropsOldRawEventsOnly() {
        Site site = newSite();
        List<PixelEventStore.Row> rows = new ArrayList<>(day(site));
        rows.add(row(site, "2026-02-01T10:00:00Z", 3, 33, EventKind.PAGEVIEW, "pageview", "/old",
                from(null, null, DeviceClass.DESKTOP)));
        database().inTransaction(em -> {
            events(em).insert(rows);
            return null;
        });
        int deleted = database().inTransaction(em -> events(em).deleteBefore(LocalDate.parse("2026-02-08")));
        assertThat(deleted).isGreaterThanOrEqualTo(1);
        PixelStats.Report r = database().inTransaction(em -> stats(em).report(site.id(),
                request(Map.of("from", "2026-01-01", "to", "2026-03-10")), LocalDate.parse("2026-02-08")));
        assertThat(r.aggregate().pageviews()).isEqualTo(4);
    }

    @Test
    void delete_removesTheSiteWithItsEvents() {
        Site site = newSite();
        database().inTransaction(em -> {
            events(em).insert(day(site));
            return null;
        });
        boolean foreign = database().inTransaction(em -> sites(em).delete(site.workspaceId() + 1, site.id()));
        boolean own = database().inTransaction(em -> sites(em).delete(site.workspaceId(), site.id()));
        assertThat(foreign).isFalse();
        assertThat(own).isTrue();
        PixelStats.Report r = database().inTransaction(em -> stats(em).report(site.id(),
                request(Map.of("period", "today")), DAY.minusDays(30)));
        assertThat(r.aggregate()).isEqualTo(Metrics.ZERO);
    }
}
