package dev.gatehouse.rest.analytics.control;

import dev.gatehouse.analytics.DailySalts;
import dev.gatehouse.analytics.Site;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every hour: makes today's salt and deletes the ones older than yesterday (also on a day without
 * hits), rolls every site's complete days up (those within the raw retention that have no roll-up
 * yet), then deletes raw events older than the retention. Safe on several instances at once: salts
 * are inserted once, and a site's roll-up runs under its row lock.
 *
 * <p>A day counts as complete {@link #SETTLE} after it ends: hits stamped just before midnight may
 * still wait in an instance's queue (one flush interval, longer while the database is away), and
 * once a day is rolled up its stats come from the roll-up only — a roll-up made at 00:00:00.5
 * would miss them for good.
 */
@ApplicationScoped
public class PixelMaintenance {

    private static final Logger LOG = Logger.getLogger(PixelMaintenance.class.getName());
    /** How long after midnight (UTC) the day before is rolled up. */
    static final Duration SETTLE = Duration.ofMinutes(10);

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    DailySalts salts;

    @Inject
    SiteStore sites;

    @Inject
    PixelEventStore events;

    @Inject
    PixelSettings settings;

    @Inject
    Clock clock;

    private ScheduledFuture<?> task;

    public void start() {
        task = scheduler.scheduleWithFixedDelay(this::runQuietly, 1, 60, TimeUnit.MINUTES);
    }

    /** One round; returns the number of site-days rolled up. */
    public int run() {
        salts.rotate();
        LocalDate today = LocalDate.ofInstant(clock.instant().minus(SETTLE), ZoneOffset.UTC);
        LocalDate keepFrom = today.minusDays(settings.retentionDays());
        int rolled = 0;
        for (Site site : sites.all()) {
            Set<LocalDate> done = new HashSet<>(events.rolledUpDays(site.id(), keepFrom));
            LocalDate first = site.createdAt().atZone(ZoneOffset.UTC).toLocalDate();
            for (LocalDate d = first.isAfter(keepFrom) ? first : keepFrom; d.isBefore(today); d = d.plusDays(1)) {
                if (!done.contains(d)) {
                    events.rollUp(site.id(), d);
                    rolled++;
                }
            }
        }
        events.deleteBefore(keepFrom);
        return rolled;
    }

    private void runQuietly() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Pixel maintenance (salts, roll-ups, retention) failed; will retry in an hour", e);
        }
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
