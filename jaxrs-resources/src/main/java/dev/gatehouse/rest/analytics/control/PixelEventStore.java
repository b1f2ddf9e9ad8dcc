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
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;

/**
 * Raw events in {@code pixel_events} and their daily roll-ups: batched inserts (one JDBC batch per
 * flush), the roll-up of one site's day, retention. The stats queries live in {@link PixelStats}.
 */
@ApplicationScoped
@Transactional
public class PixelEventStore {

    static final String INSERT = "INSERT INTO pixel_events (site_id, at_ms, event_day, event_hour, visitor_id, visit_id,"
            + " kind, name, hostname, pathname, source, utm_source, utm_medium, utm_campaign, utm_term, utm_content,"
            + " device, properties, interactive) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

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
        });
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

    /** Deletes raw events of days before {@code day}; returns how many. */
    public int deleteBefore(LocalDate day) {
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
