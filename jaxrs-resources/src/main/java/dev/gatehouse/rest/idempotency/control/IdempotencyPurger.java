package dev.gatehouse.rest.idempotency.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes expired Idempotency-Key records every ten minutes. Expiry is also checked on every lookup,
 * so this only keeps the table small; running on every instance at once is harmless.
 */
@ApplicationScoped
public class IdempotencyPurger {

    private static final Logger LOG = Logger.getLogger(IdempotencyPurger.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    IdempotencyStore store;

    @Inject
    Clock clock;

    private ScheduledFuture<?> task;

    public void start() {
        task = scheduler.scheduleWithFixedDelay(this::purge, 1, 10, TimeUnit.MINUTES);
    }

    void purge() {
        try {
            int purged = store.purgeExpired(clock.instant());
            if (purged > 0) {
                LOG.fine(() -> "Purged " + purged + " expired idempotency records");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not purge expired idempotency records; will retry", e);
        }
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
