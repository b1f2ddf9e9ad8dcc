package dev.gatehouse.rest.webhooks.control;

import dev.gatehouse.rest.cluster.control.JobLocks;
import dev.gatehouse.rest.cluster.control.RetentionJobs;
import dev.gatehouse.webhooks.Webhooks;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs webhook deliveries on every instance. A drain calls {@link Webhooks#deliverWhile} until
 * nothing more is due; it runs on the container's managed scheduler every
 * {@code poll-interval} and at once when a publishing transaction on this instance commits
 * ({@link #wake()}), so the first attempt does not wait for the next poll. Sends run on a fixed
 * pool of {@code concurrency} container-managed threads; each store call is its own transaction
 * (a claim, or the recording of a batch of finished sends) and no transaction is open while a
 * request is on the wire. Several instances share the work
 * through the store's {@code FOR UPDATE SKIP LOCKED} claims. Also purges old deliveries and
 * disables endpoints that have failed for too long, on their own schedules.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    Webhooks webhooks;

    @Inject
    WebhookSettings settings;

    @Inject
    JobLocks locks;

    @Inject
    Clock clock;

    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();
    private final List<ScheduledFuture<?>> schedules = new ArrayList<>();
    private volatile boolean running;
    private ExecutorService sendPool;

    /** Starts the loops; called once when the application starts. */
    public synchronized void start() {
        if (running || !settings.workersEnabled()) {
            if (!settings.workersEnabled()) {
                LOG.info("Webhook delivery workers are off on this instance (gatehouse.webhooks.workers=false)");
            }
            return;
        }
        running = true;
        long poll = settings.pollInterval().toMillis();
        schedules.add(scheduler.scheduleWithFixedDelay(() -> guarded("poll", () -> {
            requested.set(true);
            drain();
        }), 0, poll, TimeUnit.MILLISECONDS));
        long purge = settings.purgeInterval().toMillis();
        schedules.add(scheduler.scheduleWithFixedDelay(() -> guarded("purge", () -> {
            // One instance per purge interval across the cluster, not every node at once.
            if (!locks.tryAcquire("retention.webhook-deliveries", RetentionJobs.OWNER, clock.instant(),
                    settings.purgeInterval().minusSeconds(Math.min(5, settings.purgeInterval().toSeconds() / 2)))) {
                return;
            }
            int removed = webhooks.purge(settings.retention());
            if (removed > 0) {
                LOG.info("Purged " + removed + " webhook deliveries older than " + settings.retention().toDays() + " days");
            }
        }), Math.min(purge, TimeUnit.MINUTES.toMillis(10)), purge, TimeUnit.MILLISECONDS));
        long health = settings.healthInterval().toMillis();
        schedules.add(scheduler.scheduleWithFixedDelay(() -> guarded("health", webhooks::disableFailingEndpoints),
                health, health, TimeUnit.MILLISECONDS));
        LOG.info("Webhook delivery workers started: concurrency " + settings.concurrency() + ", poll every " + poll + " ms");
    }

    /** Stops the loops and lets sends in flight finish for a few seconds; unfinished ones are retried after their lease. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        schedules.forEach(s -> s.cancel(false));
        schedules.clear();
        ExecutorService pool = sendPool;
        sendPool = null;
        if (pool != null) {
            pool.shutdown();
            try {
                if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                    pool.shutdownNow();
                }
            } catch (InterruptedException interrupted) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        LOG.info("Webhook delivery workers stopped");
    }

    /** Asks for a drain now: new deliveries were committed on this instance. Cheap; safe from any thread. */
    public void wake() {
        requested.set(true);
        if (running && !draining.get()) {
            try {
                scheduler.execute(() -> guarded("drain", this::drain));
            } catch (RuntimeException rejected) {
                // shutting down, or the scheduler is saturated: the next poll picks the deliveries up
            }
        }
    }

    /** Where the core runs sends: the bounded pool of managed threads. */
    void send(Runnable task) {
        pool().execute(task);
    }

    private synchronized ExecutorService pool() {
        if (sendPool == null) {
            sendPool = Executors.newFixedThreadPool(settings.concurrency(), threads);
        }
        return sendPool;
    }

    /**
     * Delivers until nothing is due and no send is in flight; one drain at a time per instance. The
     * core keeps claiming while sends are in flight, so deliveries committed during a drain join it;
     * a wake that arrives after its last claim runs it once more.
     */
    private void drain() {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        try {
            do {
                requested.set(false);
                webhooks.deliverWhile(() -> running);
            } while (running && requested.get());
        } finally {
            draining.set(false);
        }
        if (running && requested.get()) {
            wake(); // a wake that arrived after the last check found the drain still marked as running
        }
    }

    private void guarded(String task, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; log and keep the schedule alive.
            LOG.log(Level.WARNING, "Webhook " + task + " task failed; it runs again on its schedule", e);
        }
    }
}
