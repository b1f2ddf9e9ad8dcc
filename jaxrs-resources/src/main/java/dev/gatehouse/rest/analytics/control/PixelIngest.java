package dev.gatehouse.rest.analytics.control;

import dev.gatehouse.analytics.TrackedEvent;
import dev.gatehouse.analytics.VisitTracker;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The ingest path's buffer: accepted hits wait in a bounded in-memory queue
 * ({@code gatehouse.pixel.queue-capacity}) and are written every {@code flush-interval-ms} in
 * batches of up to {@code batch-size}, one transaction per batch. {@link #offer} never blocks: a
 * full queue refuses the hit, and the resource answers 503 with {@code Retry-After}. A batch the
 * database refuses is kept and retried at the next flush (new hits are refused meanwhile once the
 * queue fills). On shutdown the queue is written out. A crash (kill -9, power loss) loses what is
 * queued: at most one flush interval of hits.
 */
@ApplicationScoped
public class PixelIngest {

    private static final Logger LOG = Logger.getLogger(PixelIngest.class.getName());
    private static final Duration VISIT_TIMEOUT = Duration.ofMinutes(30);

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    PixelEventStore store;

    @Inject
    PixelSettings settings;

    @Inject
    Clock clock;

    private BlockingQueue<TrackedEvent> queue;
    private VisitTracker visits;
    private final List<PixelEventStore.Row> pending = new ArrayList<>();
    private ScheduledFuture<?> task;
    private long lastExpiry;

    @PostConstruct
    void init() {
        queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        visits = new VisitTracker(VISIT_TIMEOUT, 200_000, new SplittableRandom());
    }

    /** Starts the periodic flush. */
    public void start() {
        if (task == null) {
            long every = settings.flushIntervalMs();
            task = scheduler.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** Queues a hit; false when the queue is full. */
    public boolean offer(TrackedEvent event) {
        return queue.offer(event);
    }

    /** Hits queued and not yet written. */
    public int queued() {
        return queue.size() + pending.size();
    }

    /** Writes everything queued now, batch by batch; returns how many were written. */
    public synchronized int flush() {
        int written = 0;
        while (true) {
            if (pending.isEmpty()) {
                List<TrackedEvent> batch = new ArrayList<>(Math.min(settings.batchSize(), 1024));
                queue.drainTo(batch, settings.batchSize());
                if (batch.isEmpty()) {
                    break;
                }
                for (TrackedEvent e : batch) {
                    pending.add(new PixelEventStore.Row(e, visits.assign(e)));
                }
            }
            store.insert(pending);
            written += pending.size();
            pending.clear();
        }
        long now = clock.millis();
        if (now - lastExpiry > 60_000) {
            visits.expire(clock.instant());
            lastExpiry = now;
        }
        return written;
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not write " + pending.size() + " pixel hits; retrying at the next flush", e);
        }
    }

    /** Stops the periodic flush and writes out what is queued; runs when the application stops. */
    @PreDestroy
    public synchronized void shutdown() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
        for (int attempt = 0; attempt < 3 && queued() > 0; attempt++) {
            flushQuietly();
        }
        if (queued() > 0) {
            LOG.warning("Shutting down with " + queued() + " pixel hits not written");
        }
    }
}
