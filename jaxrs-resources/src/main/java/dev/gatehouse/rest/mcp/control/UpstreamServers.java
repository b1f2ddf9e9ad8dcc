package dev.gatehouse.rest.mcp.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * This instance's cache of each workspace's upstream servers, for the gateway's request path (a tool
 * call, {@code tools/list}): one read of {@code mcp_upstream_servers} and one decryption of the stored
 * headers per workspace per {@link #TTL} instead of per call. The management endpoints read the store.
 *
 * <p>A registration, change or removal drops the workspace's entry once its transaction committed, on
 * this instance at once and on every other through the cluster's cache-change announcements
 * ({@link UpstreamStore} announces it in the same transaction; {@code LocalCaches} drops it, and
 * drops everything when an announcement may have been missed). A load that read the old rows before
 * the drop cannot put them back (generation counter). The {@link #TTL} bounds what a missed drop could
 * leave only while the cache-change connection is not yet known to be lost.
 */
@ApplicationScoped
public class UpstreamServers {

    /** How long a workspace's servers are reused: the key verification cache's default lifetime. */
    static final Duration TTL = Duration.ofSeconds(30);
    /** Beyond this many cached workspaces the cache starts over. */
    static final int MAX_WORKSPACES = 10_000;

    @Inject
    UpstreamStore store;

    @Inject
    Clock clock;

    private LongFunction<List<UpstreamServer>> loader;
    private final Map<Long, Entry> cached = new ConcurrentHashMap<>();
    /** Advanced before every drop; a load caches its rows only if it has not moved meanwhile. */
    private final AtomicLong generation = new AtomicLong();

    private record Entry(List<UpstreamServer> servers, long expiresAtMillis) {
    }

    public UpstreamServers() {
    }

    /** Outside a container: {@code loader} reads a workspace's servers (as {@link UpstreamStore#list}). */
    public UpstreamServers(LongFunction<List<UpstreamServer>> loader, Clock clock) {
        this.loader = loader;
        this.clock = clock;
    }

    /** The workspace's servers by slug. */
    public List<UpstreamServer> list(long workspaceId) {
        long now = clock.millis();
        Entry entry = cached.get(workspaceId);
        if (entry != null && entry.expiresAtMillis() > now) {
            return entry.servers();
        }
        long loadedIn = generation.get();
        List<UpstreamServer> servers = List.copyOf(load(workspaceId));
        if (cached.size() >= MAX_WORKSPACES) {
            cached.clear();
        }
        Entry loaded = new Entry(servers, now + TTL.toMillis());
        cached.put(workspaceId, loaded);
        // A drop advances the generation before it removes: if it advanced during the load, take the
        // rows out again here; if it advances after this check, its removal follows this put.
        if (generation.get() != loadedIn) {
            cached.remove(workspaceId, loaded);
        }
        return servers;
    }

    /** The workspace's server with this slug. */
    public Optional<UpstreamServer> find(long workspaceId, String slug) {
        for (UpstreamServer s : list(workspaceId)) {
            if (s.slug().equals(slug)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Drops a workspace's servers, e.g. once a change to them committed here or elsewhere. */
    public void forget(long workspaceId) {
        generation.incrementAndGet();
        cached.remove(workspaceId);
    }

    /** Drops every cached server. */
    public void forgetAll() {
        generation.incrementAndGet();
        cached.clear();
    }

    private List<UpstreamServer> load(long workspaceId) {
        return loader != null ? loader.apply(workspaceId) : store.list(workspaceId);
    }
}
