package dev.gatehouse.rest.platform.control;

import dev.gatehouse.keys.ApiKeys;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes keys' {@code last_used_at} in batches off the request path: verification only notes a use
 * in memory (at most once a minute per key) and this job flushes the notes every 15 seconds.
 */
@ApplicationScoped
public class LastUsedFlusher {

    private static final Logger LOG = Logger.getLogger(LastUsedFlusher.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    ApiKeys keys;

    private ScheduledFuture<?> task;

    void start() {
        task = scheduler.scheduleWithFixedDelay(this::flush, 15, 15, TimeUnit.SECONDS);
    }

    void flush() {
        try {
            keys.flushLastUsed();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record keys' last use; will retry", e);
        }
    }

    /**
     * Cancels the job and writes what is left; called by {@link GatehouseStartup} when the web
     * application stops, and again (with nothing left to write) when CDI destroys the bean.
     */
    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
        flush();
    }
}
