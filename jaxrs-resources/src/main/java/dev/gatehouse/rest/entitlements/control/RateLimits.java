package dev.gatehouse.rest.entitlements.control;

import dev.gatehouse.entitlements.PlanCatalog;
import dev.gatehouse.entitlements.RateLimitDecision;
import dev.gatehouse.entitlements.RateLimiter;
import dev.gatehouse.entitlements.Tier;
import dev.gatehouse.keys.ApiKey;
import dev.gatehouse.keys.KeyType;
import dev.gatehouse.keys.Workspaces;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which bucket a request takes from, and at which tier's rate. A key's tier is its own
 * {@code rate_limit_tier}, else its workspace's tier; root keys, which belong to no workspace, use
 * {@code gatehouse.rate-limit.root-tier} (default: the catalog's highest tier, {@code enterprise}
 * in the shipped catalog), each root key in its own bucket. Every key has its own bucket, so one
 * key's traffic never touches another's budget.
 *
 * <p>Workspace tiers are cached for {@code gatehouse.rate-limit.tier-cache-seconds} (default 30,
 * like the key verification cache) to spare a database read per request; a tier change drops the
 * workspace's entry at once on this instance and, through the cluster's cache-change announcements,
 * on every other ({@link #forgetTier(long)}), and a load that read the old tier before that cannot
 * put it back (generation counter). The workspace's {@code updated_at} is passed along as the tier's
 * version, so with the shared bucket store the instance that knows the newer tier reconfigures the
 * key's one bucket. {@link #peek(ApiKey)} serves
 * {@code POST /api/v1/keys/verify}: it reports a key over its budget without taking from it.
 */
@ApplicationScoped
public class RateLimits {

    private static final int MAX_CACHED_TIERS = 100_000;

    @Inject
    RateLimiter limiter;

    @Inject
    PlanCatalog catalog;

    @Inject
    Workspaces workspaces;

    @Inject
    Clock clock;

    /** {@code gatehouse.rate-limit.root-tier}: the tier root keys are limited at; default the catalog's last (highest). */
    @Inject
    @ConfigProperty(name = "gatehouse.rate-limit.root-tier")
    Optional<String> rootTierSetting;

    /** {@code gatehouse.rate-limit.tier-cache-seconds}: how long a workspace's tier is cached for its keys' limits. */
    @Inject
    @ConfigProperty(name = "gatehouse.rate-limit.tier-cache-seconds", defaultValue = "30")
    long tierCacheSeconds;

    @Inject
    @ConfigProperty(name = "gatehouse.rate-limit.trust-forwarded-for", defaultValue = "false")
    boolean trustForwardedFor;

    private String rootTier;
    private long tierCacheMillis;
    private final Map<Long, CachedTier> workspaceTiers = new ConcurrentHashMap<>();
    /** Advanced before every forget; a load caches its tier only if it has not moved meanwhile. */
    private final AtomicLong generation = new AtomicLong();

    /** A key's tier and its version (0: never changes), as {@link RateLimiter} takes them. */
    record KeyTier(String tier, long version) {
    }

    private record CachedTier(KeyTier tier, long expiresAtMillis) {
    }

    /**
     * Whether the client address is the last {@code X-Forwarded-For} entry (behind a reverse proxy)
     * rather than the connection's peer; {@code gatehouse.rate-limit.trust-forwarded-for}.
     *
     * @return the setting
     */
    public boolean trustForwardedFor() {
        return trustForwardedFor;
    }

    /**
     * The client address the public (per-address) limit counts by, and the pixel's visitor id uses:
     * the last {@code X-Forwarded-For} entry (the one the proxy added) when
     * {@link #trustForwardedFor()}, else the connection's peer address.
     *
     * @param forwardedFor the {@code X-Forwarded-For} header, or null
     * @param peerAddress  the connection's peer address, or null
     * @return the address, or null when neither gives one
     */
    public String clientAddress(String forwardedFor, String peerAddress) {
        if (trustForwardedFor && forwardedFor != null && !forwardedFor.isBlank()) {
            String last = forwardedFor.substring(forwardedFor.lastIndexOf(',') + 1).trim();
            if (!last.isEmpty() && last.length() <= 64) {
                return last;
            }
        }
        return peerAddress;
    }

    @PostConstruct
    void configure() {
        List<Tier> tiers = catalog.tiers();
        rootTier = rootTierSetting.map(String::trim).filter(t -> !t.isEmpty()).orElse(tiers.get(tiers.size() - 1).name());
        tierCacheMillis = tierCacheSeconds * 1000;
    }

    /** Takes one request from the key's bucket. */
    public RateLimitDecision consume(ApiKey key) {
        KeyTier tier = keyTier(key);
        return limiter.tryConsume(Long.toString(key.id()), tier.tier(), tier.version());
    }

    /**
     * Takes one request from a named bucket at the key's tier: a portal session or a JWT user has a
     * bucket of its own, apart from the key that minted it.
     */
    public RateLimitDecision consume(String bucket, ApiKey key) {
        return limiter.tryConsume(bucket, tierOf(key));
    }

    /** The key's bucket without taking from it: {@code allowed() == false} means RATE_LIMITED. */
    public RateLimitDecision peek(ApiKey key) {
        KeyTier tier = keyTier(key);
        return limiter.peek(Long.toString(key.id()), tier.tier(), tier.version());
    }

    /** True when the key's next request would be refused with 429. */
    public boolean isRateLimited(ApiKey key) {
        return !peek(key).allowed();
    }

    /** Takes one request from an unauthenticated client's bucket. */
    public RateLimitDecision consumeAnonymous(String clientAddress) {
        return limiter.tryConsumeAnonymous(clientAddress);
    }

    /**
     * Takes one request from the bucket of the client a public request came from:
     * {@link #clientAddress(String, String)}, or {@code unknown} when there is none.
     */
    public RateLimitDecision consumeAnonymous(String forwardedFor, String peerAddress) {
        String address = clientAddress(forwardedFor, peerAddress);
        return consumeAnonymous(address == null ? "unknown" : address);
    }

    /** The tier whose rate applies to the key. */
    public String tierOf(ApiKey key) {
        return keyTier(key).tier();
    }

    /** Forgets a workspace's cached tier, e.g. once a change to it has committed here or elsewhere. */
    public void forgetTier(long workspaceId) {
        generation.incrementAndGet();
        workspaceTiers.remove(workspaceId);
    }

    /** Forgets every cached workspace tier. */
    public void forgetTiers() {
        generation.incrementAndGet();
        workspaceTiers.clear();
    }

    KeyTier keyTier(ApiKey key) {
        if (key.rateLimitTier() != null) {
            return new KeyTier(key.rateLimitTier(), 0);
        }
        if (key.type() == KeyType.ROOT || key.workspaceId() == null) {
            return new KeyTier(rootTier, 0);
        }
        long now = clock.millis();
        CachedTier cached = workspaceTiers.get(key.workspaceId());
        if (cached != null && cached.expiresAtMillis > now) {
            return cached.tier;
        }
        long loadedIn = generation.get();
        // A deleted workspace's keys stop authenticating on their own; until then, the lowest rate.
        KeyTier tier = workspaces.find(key.workspaceId())
                .map(w -> new KeyTier(w.tier(), w.updatedAt().toEpochMilli()))
                .orElseGet(() -> new KeyTier(catalog.tiers().get(0).name(), 0));
        if (workspaceTiers.size() >= MAX_CACHED_TIERS) {
            workspaceTiers.clear();
        }
        CachedTier entry = new CachedTier(tier, now + tierCacheMillis);
        workspaceTiers.put(key.workspaceId(), entry);
        if (generation.get() != loadedIn) {
            workspaceTiers.remove(key.workspaceId(), entry);
        }
        return tier;
    }
}
