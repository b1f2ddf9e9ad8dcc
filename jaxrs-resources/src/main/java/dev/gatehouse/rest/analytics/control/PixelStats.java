package dev.gatehouse.rest.analytics.control;

import dev.gatehouse.analytics.Dimension;
import dev.gatehouse.analytics.Interval;
import dev.gatehouse.analytics.StatsRequest;
import dev.gatehouse.errors.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * The stats queries. Without filters, complete days come from {@code pixel_daily_rollups} and only
 * the days after the last rolled-up one from raw events, so a year costs about what a month does.
 * With filters (which single-dimension roll-ups cannot combine) or an hourly series, raw events
 * answer, and the period may reach back only as far as they are kept. Days not rolled up are read
 * from {@code pixel_visits} (one row per visit and day, a third of the hits) wherever the answer
 * only needs a visit's attribution — the totals, and breakdowns and filters by source, campaign or
 * device — and from {@code pixel_events} where it needs the hits: pages, events, hours. Queries are
 * HQL with bound parameters; the only text put into them is the column of a whitelisted
 * {@link Dimension}.
 */
@ApplicationScoped
@Transactional
public class PixelStats {

    /** The label of visits without a referrer or campaign source. */
    public static final String DIRECT = "Direct / None";

    private static final String PAGEVIEWS = "sum(case when e.kind = 0 then 1 else 0 end)";
    private static final String EVENTS = "sum(case when e.kind = 1 then 1 else 0 end)";

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    /** A point of a series: its label (a date, an hour or a month) and its counts. */
    public record Point(String label, Metrics metrics) {
    }

    /** One value of a breakdown. */
    public record Entry(String value, Metrics metrics) {
    }

    /** A page of a breakdown and how many values there are in all. */
    public record Breakdown(Dimension dimension, List<Entry> entries, long total) {
    }

    /** The answer to a stats request. */
    public record Report(Metrics aggregate, List<Point> series, Breakdown breakdown) {
    }

    /**
     * Answers a stats request for a site.
     *
     * @param rawFrom the first day raw events are kept for
     */
    public Report report(long siteId, StatsRequest r, LocalDate rawFrom) {
        boolean rawOnly = !r.filters().isEmpty() || r.interval() == Interval.HOUR;
        if (rawOnly && r.from().isBefore(rawFrom)) {
            throw new ValidationException("from", "filters and hourly series reach back to " + rawFrom
                    + " (raw events are kept for gatehouse.pixel.retention-days); without filters any period works.");
        }
        Map<LocalDate, Metrics> days = new HashMap<>();
        Map<String, Metrics> breakdown = new HashMap<>();
        LocalDate rawStart = r.from();
        if (!rawOnly) {
            Map<LocalDate, Metrics> rolled = rolledDays(siteId, r.from(), r.to());
            LocalDate last = rolled.keySet().stream().max(Comparator.naturalOrder()).orElse(null);
            if (last != null) {
                days.putAll(rolled);
                rawStart = last.plusDays(1);
                if (r.breakdown() != null) {
                    breakdown.putAll(rolledBreakdown(siteId, r.from(), last, r.breakdown()));
                }
            }
        }
        if (!rawStart.isAfter(r.to())) {
            rawDays(siteId, rawStart, r.to(), r.filters()).forEach((d, m) -> days.merge(d, m, Metrics::plus));
            if (r.breakdown() != null) {
                rawBreakdownByDay(siteId, rawStart, r.to(), r.filters(), r.breakdown())
                        .forEach((v, m) -> breakdown.merge(v, m, Metrics::plus));
            }
        }
        Metrics aggregate = days.values().stream().reduce(Metrics.ZERO, Metrics::plus);
        return new Report(aggregate, series(siteId, r, days), r.breakdown() == null ? null : page(r, breakdown));
    }

    private List<Point> series(long siteId, StatsRequest r, Map<LocalDate, Metrics> days) {
        List<Point> points = new ArrayList<>();
        switch (r.interval()) {
            case DAY -> {
                for (LocalDate d = r.from(); !d.isAfter(r.to()); d = d.plusDays(1)) {
                    points.add(new Point(d.toString(), days.getOrDefault(d, Metrics.ZERO)));
                }
            }
            case MONTH -> {
                Map<YearMonth, Metrics> months = new TreeMap<>();
                for (LocalDate d = r.from(); !d.isAfter(r.to()); d = d.plusDays(1)) {
                    months.merge(YearMonth.from(d), days.getOrDefault(d, Metrics.ZERO), Metrics::plus);
                }
                months.forEach((m, v) -> points.add(new Point(m.toString(), v)));
            }
            case HOUR -> {
                Map<Long, Metrics> hours = rawHours(siteId, r.from(), r.to(), r.filters());
                long first = r.from().atStartOfDay(ZoneOffset.UTC).toEpochSecond() / 3600;
                long last = r.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() / 3600;
                for (long h = first; h < last; h++) {
                    points.add(new Point(Instant.ofEpochSecond(h * 3600).toString(), hours.getOrDefault(h, Metrics.ZERO)));
                }
            }
            default -> throw new IllegalStateException(r.interval().toString());
        }
        return points;
    }

    private static Breakdown page(StatsRequest r, Map<String, Metrics> values) {
        Comparator<Entry> order;
        if (r.sort().equals("value")) {
            order = Comparator.comparing(Entry::value);
        } else {
            ToLongFunction<Metrics> metric = switch (r.sort()) {
                case "visits" -> Metrics::visits;
                case "pageviews" -> Metrics::pageviews;
                case "events" -> Metrics::events;
                default -> Metrics::visitors;
            };
            order = Comparator.comparingLong((Entry e) -> metric.applyAsLong(e.metrics()));
        }
        if (!r.ascending()) {
            order = order.reversed();
        }
        order = order.thenComparing(Entry::value);
        List<Entry> all = values.entrySet().stream().map(e -> new Entry(e.getKey(), e.getValue())).sorted(order).toList();
        int from = Math.min(all.size(), (r.page() - 1) * r.perPage());
        return new Breakdown(r.breakdown(), all.subList(from, Math.min(all.size(), from + r.perPage())), all.size());
    }

    /** Each day's counts from raw events, or from their visits when the filters are all of the visit. */
    Map<LocalDate, Metrics> rawDays(long siteId, LocalDate from, LocalDate to, Map<Dimension, String> filters) {
        return rawDays(siteId, from, to, filters, ofVisits(filters, null));
    }

    /** Each day's counts from {@code pixel_visits} or from {@code pixel_events} (the tests compare them). */
    Map<LocalDate, Metrics> rawDays(long siteId, LocalDate from, LocalDate to, Map<Dimension, String> filters,
                                    boolean fromVisits) {
        Map<LocalDate, Metrics> out = new HashMap<>();
        if (fromVisits) {
            // One day (today, the usual case) is not grouped: grouping makes PostgreSQL sort the day's
            // visit rows by day first, on disk at 100,000 visits, unless they lie in key order.
            boolean oneDay = from.equals(to);
            Map<String, Object> params = new HashMap<>();
            for (Object[] row : query("select " + (oneDay ? "min(e.day)" : "e.day") + ", count(distinct e.visitorId),"
                    + " count(e.visitId), sum(e.pageviews), sum(e.events),"
                    + " sum(case when e.pageviews <= 1 and e.interactions = 0 then 1 else 0 end),"
                    + " sum(e.lastMs - e.firstMs) from PixelVisitEntity e" + where(siteId, from, to, filters, params)
                    + (oneDay ? "" : " group by e.day"), params).getResultList()) {
                if (row[0] != null) {
                    out.put((LocalDate) row[0], new Metrics(n(row[1]), n(row[2]), n(row[3]), n(row[4]), n(row[5]), n(row[6])));
                }
            }
            return out;
        }
        rawBuckets("e.day", siteId, from, to, filters).forEach((b, m) -> out.put((LocalDate) b, m));
        return out;
    }

    /**
     * Whether {@code pixel_visits} answers exactly: every filter (and the breakdown, if any) is of the
     * visit, so a visit's hits all match or none does.
     */
    private static boolean ofVisits(Map<Dimension, String> filters, Dimension breakdown) {
        return filters.keySet().stream().allMatch(Dimension::ofVisit) && (breakdown == null || breakdown.ofVisit());
    }

    /** Each hour's counts from raw events, keyed by epoch hour. */
    Map<Long, Metrics> rawHours(long siteId, LocalDate from, LocalDate to, Map<Dimension, String> filters) {
        Map<Long, Metrics> out = new HashMap<>();
        rawBuckets("e.hour", siteId, from, to, filters).forEach((b, m) -> out.put(n(b), m));
        return out;
    }

    /**
     * Every metric per bucket in one pass: the inner query makes one row per (bucket, visit) — a
     * visit has one visitor id within a day — and the outer one counts them. On PostgreSQL the inner
     * grouping reads {@code ix_pixel_events_visits} (V36) in visit order without touching the table
     * or sorting; separate queries for the counts and for the visits cost three times as much for
     * the day not rolled up yet (BENCHMARKS.md, pixel stats).
     */
    private Map<Object, Metrics> rawBuckets(String bucket, long siteId, LocalDate from, LocalDate to,
                                            Map<Dimension, String> filters) {
        Map<String, Object> params = new HashMap<>();
        String where = where(siteId, from, to, filters, params);
        Map<Object, Metrics> out = new HashMap<>();
        for (Object[] row : query("select v.b, count(distinct v.vis), count(v.vid), sum(v.pv), sum(v.ev),"
                + " sum(case when v.pv <= 1 and v.ia = 0 then 1 else 0 end), sum(v.t1 - v.t0)"
                + " from (select " + bucket + " as b, e.visitId as vid, min(e.visitorId) as vis, " + PAGEVIEWS + " as pv, "
                + EVENTS + " as ev, sum(case when e.interactive = true then 1 else 0 end) as ia, min(e.atMs) as t0,"
                + " max(e.atMs) as t1 from PixelEventEntity e" + where + " group by " + bucket + ", e.visitId) v group by v.b",
                params).getResultList()) {
            out.put(row[0], new Metrics(n(row[1]), n(row[2]), n(row[3]), n(row[4]), n(row[5]), n(row[6])));
        }
        return out;
    }

    /**
     * A dimension's values with their counts from raw events — or from their visits when the
     * dimension and the filters are all of the visit — each day's visitors added up.
     */
    Map<String, Metrics> rawBreakdownByDay(long siteId, LocalDate from, LocalDate to, Map<Dimension, String> filters,
                                           Dimension dimension) {
        return rawBreakdownByDay(siteId, from, to, filters, dimension, ofVisits(filters, dimension));
    }

    /** The breakdown from {@code pixel_visits} or from {@code pixel_events} (the tests compare them). */
    Map<String, Metrics> rawBreakdownByDay(long siteId, LocalDate from, LocalDate to, Map<Dimension, String> filters,
                                           Dimension dimension, boolean fromVisits) {
        Map<String, Object> params = new HashMap<>();
        String column = column(dimension);
        String where = where(siteId, from, to, filters, params) + switch (dimension) {
            case EVENT -> " and e.kind = 1";
            case PAGE -> " and e.kind = 0";
            case SOURCE, DEVICE -> "";
            default -> " and " + column + " is not null";
        };
        String counts = fromVisits
                ? "count(e.visitId), sum(e.pageviews), sum(e.events) from PixelVisitEntity e"
                : "count(distinct e.visitId), " + PAGEVIEWS + ", " + EVENTS + " from PixelEventEntity e";
        Map<String, Metrics> out = new LinkedHashMap<>();
        for (Object[] row : query("select e.day, " + column + ", count(distinct e.visitorId), " + counts
                + where + " group by e.day, " + column, params).getResultList()) {
            String value = row[1] == null ? DIRECT : (String) row[1];
            out.merge(value, new Metrics(n(row[2]), n(row[3]), n(row[4]), n(row[5]), 0, 0), Metrics::plus);
        }
        return out;
    }

    Map<LocalDate, Metrics> rolledDays(long siteId, LocalDate from, LocalDate to) {
        Map<LocalDate, Metrics> out = new HashMap<>();
        for (Object[] row : em.createQuery("select r.day, r.visitors, r.visits, r.pageviews, r.events, r.bounces, r.durationMs"
                        + " from DailyRollupEntity r where r.siteId = :site and r.dimension = 'all'"
                        + " and r.day >= :from and r.day <= :to", Object[].class)
                .setParameter("site", siteId).setParameter("from", from).setParameter("to", to).getResultList()) {
            out.put((LocalDate) row[0], new Metrics(n(row[1]), n(row[2]), n(row[3]), n(row[4]), n(row[5]), n(row[6])));
        }
        return out;
    }

    Map<String, Metrics> rolledBreakdown(long siteId, LocalDate from, LocalDate to, Dimension dimension) {
        Map<String, Metrics> out = new HashMap<>();
        for (Object[] row : em.createQuery("select r.value, sum(r.visitors), sum(r.visits), sum(r.pageviews), sum(r.events)"
                        + " from DailyRollupEntity r where r.siteId = :site and r.dimension = :dimension"
                        + " and r.day >= :from and r.day <= :to group by r.value", Object[].class)
                .setParameter("site", siteId).setParameter("dimension", dimension.wireName())
                .setParameter("from", from).setParameter("to", to).getResultList()) {
            out.put((String) row[0], new Metrics(n(row[1]), n(row[2]), n(row[3]), n(row[4]), 0, 0));
        }
        return out;
    }

    private static String where(long siteId, LocalDate from, LocalDate to, Map<Dimension, String> filters,
                                Map<String, Object> params) {
        StringBuilder w = new StringBuilder(" where e.siteId = :site and e.day >= :from and e.day <= :to");
        params.put("site", siteId);
        params.put("from", from);
        params.put("to", to);
        filters.forEach((d, value) -> {
            String param = "f_" + d.wireName();
            if (d == Dimension.SOURCE && DIRECT.equals(value)) {
                w.append(" and e.source is null");
                return;
            }
            if (d == Dimension.EVENT) {
                w.append(" and e.kind = 1");
            }
            w.append(" and ").append(column(d)).append(" = :").append(param);
            params.put(param, value);
        });
        return w.toString();
    }

    private static String column(Dimension d) {
        return switch (d) {
            case PAGE -> "e.pathname";
            case SOURCE -> "e.source";
            case UTM_SOURCE -> "e.utmSource";
            case UTM_MEDIUM -> "e.utmMedium";
            case UTM_CAMPAIGN -> "e.utmCampaign";
            case UTM_TERM -> "e.utmTerm";
            case UTM_CONTENT -> "e.utmContent";
            case DEVICE -> "e.device";
            case EVENT -> "e.name";
        };
    }

    private TypedQuery<Object[]> query(String hql, Map<String, Object> params) {
        TypedQuery<Object[]> q = em.createQuery(hql, Object[].class);
        params.forEach(q::setParameter);
        return q;
    }

    private static long n(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }
}
