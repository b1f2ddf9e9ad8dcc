package dev.gatehouse.rest.cluster.control;

import dev.gatehouse.entitlements.Entitlements;
import dev.gatehouse.rest.idempotency.control.IdempotencyStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deletes what would otherwise grow without bound, each kind by its own job that runs on one
 * instance at a time and once per {@code gatehouse.retention.interval-minutes} (default 10) across
 * the cluster, under a {@link JobLocks lease}:
 * <ul>
 *   <li>{@code retention.audit}: audit events older than {@code gatehouse.retention.audit-days}
 *       (default 365; 0 keeps them forever);</li>
 *   <li>{@code retention.usage-events}: usage events past their de-duplication window
 *       ({@code gatehouse.entitlements.event-retention-days}, default 35);</li>
 *   <li>{@code retention.rate-limit-buckets}: shared rate-limit buckets whose expiry has passed;</li>
 *   <li>{@code retention.idempotency}: Idempotency-Key records past their 24 hours.</li>
 * </ul>
 * Webhook delivery logs ({@code gatehouse.webhooks.retention-days}) are purged by the delivery
 * worker under the same kind of lease ({@code retention.webhook-deliveries}).
 */
@ApplicationScoped
public class RetentionJobs {

    private static final Logger LOG = Logger.getLogger(RetentionJobs.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    JobLocks locks;

    @Inject
    RetentionStore retention;

    @Inject
    IdempotencyStore idempotency;

    @Inject
    Entitlements entitlements;

    @Inject
    Clock clock;

    /** {@code gatehouse.retention.interval-minutes}: how often the retention jobs run. */
    @Inject
    @ConfigProperty(name = "gatehouse.retention.interval-minutes", defaultValue = "10")
    long intervalMinutes;

    /** {@code gatehouse.retention.audit-days}: audit events older than this are deleted; 0 keeps them. */
    @Inject
    @ConfigProperty(name = "gatehouse.retention.audit-days", defaultValue = "365")
    long auditDays;

    /** This instance's name in {@code job_locks.locked_by}. */
    public static final String OWNER = ManagementFactory.getRuntimeMXBean().getName();

    Duration interval;
    /** Null: audit events are kept forever. */
    Duration auditRetention;
    private ScheduledFuture<?> task;

    @PostConstruct
    void configure() {
        long minutes = intervalMinutes;
        if (minutes < 1) {
            throw new IllegalStateException("gatehouse.retention.interval-minutes must be at least 1 but was " + minutes);
        }
        interval = Duration.ofMinutes(minutes);
        if (auditDays < 0) {
            throw new IllegalStateException("gatehouse.retention.audit-days must be 0 (keep) or more but was " + auditDays);
        }
        auditRetention = auditDays == 0 ? null : Duration.ofDays(auditDays);
    }

    /** Schedules the jobs; the first run is one minute after start. */
    public void start() {
        task = scheduler.scheduleWithFixedDelay(this::runDue, 1, interval.toMinutes(), TimeUnit.MINUTES);
    }

    /** Each job whose lease this instance wins now runs; returns what each of those deleted. */
    Map<String, Integer> runDue() {
        Instant now = clock.instant();
        Map<String, Function<Instant, Integer>> jobs = new LinkedHashMap<>();
        if (auditRetention != null) {
            jobs.put("retention.audit", at -> retention.deleteAuditEventsBefore(at.minus(auditRetention)));
        }
        jobs.put("retention.usage-events", at -> entitlements.purgeExpiredEvents());
        jobs.put("retention.rate-limit-buckets", retention::deleteExpiredBuckets);
        jobs.put("retention.idempotency", idempotency::purgeExpired);
        Map<String, Integer> ran = new LinkedHashMap<>();
        for (Map.Entry<String, Function<Instant, Integer>> job : jobs.entrySet()) {
            try {
                // A little less than the interval, so this instance's next tick finds the lease free.
                if (locks.tryAcquire(job.getKey(), OWNER, now, interval.minusSeconds(5))) {
                    int deleted = job.getValue().apply(now);
                    ran.put(job.getKey(), deleted);
                    if (deleted > 0) {
                        LOG.fine(() -> job.getKey() + " deleted " + deleted + " rows");
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, job.getKey() + " failed; it runs again at the next interval", e);
            }
        }
        return ran;
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
