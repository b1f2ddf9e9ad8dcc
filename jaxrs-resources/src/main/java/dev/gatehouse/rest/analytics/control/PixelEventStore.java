package dev.gatehouse.rest.analytics.control;

import dev.gatehouse.analytics.Attribution;
import dev.gatehouse.analytics.Dimension;
import dev.gatehouse.analytics.EventKind;
import dev.gatehouse.analytics.TrackedEvent;
import dev.gatehouse.analytics.VisitTracker;
import dev.gatehouse.rest.analytics.entity.DailyRollupEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hibernate.Session;

/**
 * Raw events in {@code pixel_events}, their visits in {@code pixel_visits} and their daily roll-ups:
 * batched inserts (one JDBC batch per flush, plus one upsert per visit of the batch), the roll-up of
 * one site's day, retention. The stats queries live in {@link PixelStats}.
 */
@ApplicationScoped
@Transactional
public class PixelEventStore {

    static final String INSERT = "INSERT INTO pixel_events (site_id, at_ms, event_day, event_hour, visitor_id, visit_id,"
            + " kind, name, hostname, pathname, source, utm_source, utm_medium, utm_campaign, utm_term, utm_content,"
            + " device, properties, interactive) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String VISIT_COLUMNS = "site_id, visit_day, visit_id, visitor_id, hits, pageviews, events,"
            + " interactions, first_ms, last_ms, source, utm_source, utm_medium, utm_campaign, utm_term, utm_content, device";

    /** How a visit's row takes in another batch's part of it (from this writer or another instance's). */
    private static final String COMBINE = "visitor_id = LEAST(v.visitor_id, {s}.visitor_id), hits = v.hits + {s}.hits,"
            + " pageviews = v.pageviews + {s}.pageviews, events = v.events + {s}.events,"
            + " interactions = v.interactions + {s}.interactions, first_ms = LEAST(v.first_ms, {s}.first_ms),"
            + " last_ms = GREATEST(v.last_ms, {s}.last_ms)";

    /** PostgreSQL: an insert that adds to the row when it exists, also when another transaction just made it. */
    static final String UPSERT_POSTGRES = "INSERT INTO pixel_visits AS v (" + VISIT_COLUMNS + ") VALUES"
            + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (site_id, visit_day, visit_id) DO UPDATE SET "
            + COMBINE.replace("{s}", "excluded");

    /** H2 (no {@code ON CONFLICT … DO UPDATE}): the same as a MERGE. */
    static final String UPSERT_H2 = "MERGE INTO pixel_visits v USING (VALUES (CAST(? AS BIGINT), CAST(? AS DATE),"
            + " CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT),"
            + " CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), ?, ?, ?, ?, ?, ?, ?)) s (" + VISIT_COLUMNS + ")"
            + " ON v.site_id = s.site_id AND v.visit_day = s.visit_day AND v.visit_id = s.visit_id"
            + " WHEN MATCHED THEN UPDATE SET " + COMBINE.replace("{s}", "s")
            + " WHEN NOT MATCHED THEN INSERT (" + VISIT_COLUMNS + ") VALUES (s."
            + VISIT_COLUMNS.replace(", ", ", s.") + ")";

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    PixelStats stats;

    @Inject
    SiteStore sites;

    /** A hit with its visit, as written. */
    public record Row(TrackedEvent event, VisitTracker.Visit visit) {
    }

    /** Writes the rows in one JDBC batch, in the caller's transaction or a new one. */
    public void insert(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            boolean postgres = connection.getMetaData().getDatabaseProductName().startsWith("PostgreSQL");
            if (!postgres) {
                lockSites(connection, rows);
            }
            try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
                for (Row row : rows) {
                    TrackedEvent e = row.event();
                    Attribution a = row.visit().attribution();
                    long atMs = e.at().toEpochMilli();
                    ps.setLong(1, e.siteId());
                    ps.setLong(2, atMs);
                    ps.setDate(3, Date.valueOf(e.at().atZone(ZoneOffset.UTC).toLocalDate()));
                    ps.setLong(4, Math.floorDiv(atMs, 3_600_000L));
                    ps.setLong(5, e.visitor().today());
                    ps.setLong(6, row.visit().id());
                    ps.setShort(7, (short) e.kind().ordinal());
                    ps.setString(8, e.name());
                    ps.setString(9, e.hostname());
                    ps.setString(10, e.pathname());
                    nullable(ps, 11, a.source());
                    nullable(ps, 12, a.utmSource());
                    nullable(ps, 13, a.utmMedium());
                    nullable(ps, 14, a.utmCampaign());
                    nullable(ps, 15, a.utmTerm());
                    nullable(ps, 16, a.utmContent());
                    ps.setString(17, a.device().wireName());
                    nullable(ps, 18, e.properties());
                    ps.setBoolean(19, e.interactive());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            Map<VisitKey, VisitSum> visits = visits(rows);
            String upsert = postgres ? UPSERT_POSTGRES : UPSERT_H2;
            try (PreparedStatement ps = connection.prepareStatement(upsert)) {
                for (Map.Entry<VisitKey, VisitSum> entry : visits.entrySet()) {
                    VisitKey k = entry.getKey();
                    VisitSum v = entry.getValue();
                    ps.setLong(1, k.siteId());
                    ps.setDate(2, Date.valueOf(k.day()));
                    ps.setLong(3, k.visitId());
                    ps.setLong(4, v.visitorId);
                    ps.setLong(5, v.hits);
                    ps.setLong(6, v.pageviews);
                    ps.setLong(7, v.events);
                    ps.setLong(8, v.interactions);
                    ps.setLong(9, v.firstMs);
                    ps.setLong(10, v.lastMs);
                    nullable(ps, 11, v.attribution.source());
                    nullable(ps, 12, v.attribution.utmSource());
                    nullable(ps, 13, v.attribution.utmMedium());
                    nullable(ps, 14, v.attribution.utmCampaign());
                    nullable(ps, 15, v.attribution.utmTerm());
                    nullable(ps, 16, v.attribution.utmContent());
                    ps.setString(17, v.attribution.device().wireName());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    /**
     * H2's MERGE is not atomic against a concurrent insert of the same key (both writers can take the
     * NOT MATCHED branch, and the second fails on the primary key): writers of the same sites take
     * turns, by locking those sites' rows in id order, first thing, until their transaction ends (a
     * site's deletion takes the same lock first, so neither waits for the other's rows).
     */
    private static void lockSites(Connection connection, List<Row> rows) throws SQLException {
        long[] ids = rows.stream().mapToLong(r -> r.event().siteId()).distinct().sorted().toArray();
        try (PreparedStatement lock = connection.prepareStatement("SELECT id FROM pixel_sites WHERE id = ? FOR UPDATE")) {
            for (long id : ids) {
                lock.setLong(1, id);
                lock.executeQuery().close();
            }
        }
    }

    /**
     * The batch's hits summed per visit and day, in key order: two writers upserting visits they
     * share lock the rows in the same order, so they wait for each other instead of deadlocking.
     */
    static TreeMap<VisitKey, VisitSum> visits(List<Row> rows) {
        TreeMap<VisitKey, VisitSum> out = new TreeMap<>();
        for (Row row : rows) {
            TrackedEvent e = row.event();
            long atMs = e.at().toEpochMilli();
            VisitKey key = new VisitKey(e.siteId(), e.at().atZone(ZoneOffset.UTC).toLocalDate(), row.visit().id());
            VisitSum v = out.computeIfAbsent(key, k -> new VisitSum(e.visitor().today(), atMs, row.visit().attribution()));
            v.visitorId = Math.min(v.visitorId, e.visitor().today());
            v.hits++;
            v.pageviews += e.kind() == EventKind.PAGEVIEW ? 1 : 0;
            v.events += e.kind() == EventKind.CUSTOM ? 1 : 0;
            v.interactions += e.interactive() ? 1 : 0;
            v.firstMs = Math.min(v.firstMs, atMs);
            v.lastMs = Math.max(v.lastMs, atMs);
        }
        return out;
    }

    /** A visit's row key. */
    record VisitKey(long siteId, LocalDate day, long visitId) implements Comparable<VisitKey> {
        private static final Comparator<VisitKey> ORDER = Comparator.comparingLong(VisitKey::siteId)
                .thenComparing(VisitKey::day).thenComparingLong(VisitKey::visitId);

        @Override
        public int compareTo(VisitKey o) {
            return ORDER.compare(this, o);
        }
    }

    /** A visit's hits within one batch. */
    static final class VisitSum {
        long visitorId;
        long hits;
        long pageviews;
        long events;
        long interactions;
        long firstMs;
        long lastMs;
        final Attribution attribution;

        VisitSum(long visitorId, long atMs, Attribution attribution) {
            this.visitorId = visitorId;
            this.firstMs = atMs;
            this.lastMs = atMs;
            this.attribution = attribution;
        }
    }

    /**
     * Rolls one site's day up into {@code pixel_daily_rollups}, replacing an earlier roll-up of it.
     * Runs under the site's row lock so two instances never roll the same site at once. A day
     * without hits gets a zero {@code all} row, which marks it as rolled up.
     */
    public void rollUp(long siteId, LocalDate day) {
        if (!sites.lock(siteId)) {
            return;
        }
        em.createQuery("delete from DailyRollupEntity r where r.siteId = :site and r.day = :day")
                .setParameter("site", siteId).setParameter("day", day).executeUpdate();
        Metrics all = stats.rawDays(siteId, day, day, Map.of()).getOrDefault(day, Metrics.ZERO);
        em.persist(rollup(siteId, day, "all", "", all));
        for (Dimension d : Dimension.values()) {
            stats.rawBreakdownByDay(siteId, day, day, Map.of(), d).forEach((value, m) ->
                    em.persist(rollup(siteId, day, d.wireName(), value, m)));
        }
    }

    /** The days of a site from {@code from} on that have a roll-up. */
    public List<LocalDate> rolledUpDays(long siteId, LocalDate from) {
        return em.createQuery("select r.day from DailyRollupEntity r where r.siteId = :site and r.dimension = 'all'"
                        + " and r.day >= :from", LocalDate.class)
                .setParameter("site", siteId).setParameter("from", from).getResultList();
    }

    /** Deletes raw events, and their visits, of days before {@code day}; returns how many events. */
    public int deleteBefore(LocalDate day) {
        em.createQuery("delete from PixelVisitEntity v where v.day < :day").setParameter("day", day).executeUpdate();
        return em.createQuery("delete from PixelEventEntity e where e.day < :day").setParameter("day", day).executeUpdate();
    }

    private static DailyRollupEntity rollup(long siteId, LocalDate day, String dimension, String value, Metrics m) {
        DailyRollupEntity r = new DailyRollupEntity();
        r.siteId = siteId;
        r.day = day;
        r.dimension = dimension;
        r.value = value.length() > 2000 ? value.substring(0, 2000) : value;
        r.visitors = m.visitors();
        r.visits = m.visits();
        r.pageviews = m.pageviews();
        r.events = m.events();
        r.bounces = m.bounces();
        r.durationMs = m.durationMs();
        return r;
    }

    private static void nullable(PreparedStatement ps, int index, String value) throws java.sql.SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    static short kind(EventKind kind) {
        return (short) kind.ordinal();
    }
}
