package dev.gatehouse.rest.platform.control;

import dev.gatehouse.keys.ApiKeys;
import dev.gatehouse.keys.Workspace;
import dev.gatehouse.keys.Workspaces;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The workspaces that requests act in, cached so that a workspace-scoped request does not read its
 * workspace row each time (a twelfth of a publish's CPU when it did). Any change to a workspace
 * (an update of any field, or its deletion) drops its entry once the change has committed on this
 * instance and, through the cluster's cache-change announcements ({@code LocalCaches}), on every
 * other, within the bound key revocation has; a load that read the old row before that cannot put
 * it back (generation counter, as {@code RateLimits}' tier cache). Entries also expire after the
 * key cache's bound ({@link ApiKeys#positiveCacheTtl()}, {@code gatehouse.keys.cache-seconds}), the
 * bound a cached key has while the announcements cannot be heard. Absent workspaces are not cached.
 */
@ApplicationScoped
public class WorkspaceCache {

    private static final int MAX_ENTRIES = 100_000;

    @Inject
    Workspaces workspaces;

    @Inject
    Clock clock;

    @Inject
    ApiKeys keys;

    private long ttlMillis;
    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();
    /** Advanced before every forget; a load caches its row only if it has not moved meanwhile. */
    private final AtomicLong generation = new AtomicLong();

    private record Entry(Workspace workspace, long expiresAtMillis) {
    }

    public WorkspaceCache() {
    }

    /** For tests: a cache over the given facade. */
    public WorkspaceCache(Workspaces workspaces, Clock clock, long ttlMillis) {
        this.workspaces = workspaces;
        this.clock = clock;
        this.ttlMillis = ttlMillis;
    }

    @PostConstruct
    void configure() {
        // The key cache's bound, as configured (gatehouse.keys.cache-seconds) or the core's default.
        ttlMillis = keys.positiveCacheTtl().toMillis();
    }

    /**
     * The workspace, from the cache while its entry is fresh.
     *
     * @param id the workspace id
     * @return the workspace, or empty when there is none
     */
    public Optional<Workspace> find(long id) {
        long now = clock.millis();
        Entry cached = entries.get(id);
        if (cached != null && cached.expiresAtMillis > now) {
            return Optional.of(cached.workspace);
        }
        long loadedIn = generation.get();
        Optional<Workspace> found = workspaces.find(id);
        if (found.isEmpty()) {
            entries.remove(id);
            return found;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        Entry entry = new Entry(found.get(), now + ttlMillis);
        entries.put(id, entry);
        if (generation.get() != loadedIn) {
            entries.remove(id, entry);
        }
        return found;
    }

    /** Drops one workspace, e.g. once a change to it has committed here or elsewhere. */
    public void forget(long id) {
        generation.incrementAndGet();
        entries.remove(id);
    }

    /** Drops every workspace: a change may have been missed. */
    public void forgetAll() {
        generation.incrementAndGet();
        entries.clear();
    }
}
