package dev.gatehouse.rest.analytics.control;

import dev.gatehouse.analytics.SiteDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * The snapshot of every site that the public pixel endpoints resolve domains against, so a hit
 * never waits for the database. Reloaded when older than {@code gatehouse.pixel.site-cache-seconds}
 * (a change made on another instance shows within that time) and at once after a change on this one.
 */
@ApplicationScoped
public class SiteDirectoryCache {

    @Inject
    SiteStore sites;

    @Inject
    PixelSettings settings;

    @Inject
    Clock clock;

    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    private volatile Snapshot snapshot;

    public SiteDirectory current() {
        Snapshot s = snapshot;
        if (s != null && clock.millis() - s.loadedAt < settings.siteCacheSeconds() * 1000L) {
            return s.directory;
        }
        synchronized (this) {
            s = snapshot;
            if (s != null && clock.millis() - s.loadedAt < settings.siteCacheSeconds() * 1000L) {
                return s.directory;
            }
            long gen = generation.get();
            Snapshot fresh = new Snapshot(new SiteDirectory(sites.all()), clock.millis());
            if (generation.get() == gen) { // not invalidated while loading, else the next hit loads again
                snapshot = fresh;
            }
            return fresh.directory;
        }
    }

    /** Drops the snapshot; the next hit loads a fresh one. Call after the change has committed. */
    public void invalidate() {
        generation.incrementAndGet();
        snapshot = null;
    }

    private record Snapshot(SiteDirectory directory, long loadedAt) {
    }
}
