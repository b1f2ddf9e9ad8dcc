package dev.gatehouse.rest.entitlements.control;

import dev.gatehouse.entitlements.PlanCatalog;
import dev.gatehouse.entitlements.RateLimitDecision;
import dev.gatehouse.entitlements.RateLimiter;
import dev.gatehouse.entitlements.Tier;
import dev.gatehouse.keys.ApiKey;
import dev.gatehouse.keys.KeyType;
import dev.gatehouse.keys.Workspace;
import dev.gatehouse.keys.Workspaces;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.Config;

/**
 * Which bucket a request takes from, and at which tier's rate. A key's tier is its own
 * {@code rate_limit_tier}, else its workspace's tier; root keys, which belong to no workspace, use
 * {@code gatehouse.rate-limit.root-tier} (default: the catalog's highest tier, {@code enterprise}
 * in the shipped catalog), each root key in its own bucket. Every key has its own bucket, so one
 * key's traffic never touches another's budget.
 *
 * <p>Workspace tiers are cached for {@code gatehouse.rate-limit.tier-cache-seconds} (default 30,
 * like the key verification cache), so a plan change reaches the rate limit within that time
 * without a database read per request. {@link #peek(ApiKey)} serves
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

    @Inject
    Config config;

    private String rootTier;
    private long tierCacheMillis;
    private final Map<Long, CachedTier> workspaceTiers = new ConcurrentHashMap<>();

    private record CachedTier(String tier, long expiresAtMillis) {
    }

    @PostConstruct
    void configure() {
        List<Tier> tiers = catalog.tiers();
        rootTier = config.getOptionalValue("gatehouse.rate-limit.root-tier", String.class)
                .orElse(tiers.get(tiers.size() - 1).name());
        tierCacheMillis = config.getOptionalValue("gatehouse.rate-limit.tier-cache-seconds", Long.class).orElse(30L) * 1000;
    }

    /** Takes one request from the key's bucket. */
    public RateLimitDecision consume(ApiKey key) {
        return limiter.tryConsume(Long.toString(key.id()), tierOf(key));
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
        return limiter.peek(Long.toString(key.id()), tierOf(key));
    }

    /** True when the key's next request would be refused with 429. */
    public boolean isRateLimited(ApiKey key) {
        return !peek(key).allowed();
    }

    /** Takes one request from an unauthenticated client's bucket. */
    public RateLimitDecision consumeAnonymous(String clientAddress) {
        return limiter.tryConsumeAnonymous(clientAddress);
    }

    /** The tier whose rate applies to the key. */
    public String tierOf(ApiKey key) {
        if (key.rateLimitTier() != null) {
            return key.rateLimitTier();
        }
        if (key.type() == KeyType.ROOT || key.workspaceId() == null) {
            return rootTier;
        }
        long now = clock.millis();
        CachedTier cached = workspaceTiers.get(key.workspaceId());
        if (cached != null && cached.expiresAtMillis > now) {
            return cached.tier;
        }
        // A deleted workspace's keys stop authenticating on their own; until then, the lowest rate.
        String tier = workspaces.find(key.workspaceId()).map(Workspace::tier).orElse(catalog.tiers().get(0).name());
        if (workspaceTiers.size() >= MAX_CACHED_TIERS) {
            workspaceTiers.clear();
        }
        workspaceTiers.put(key.workspaceId(), new CachedTier(tier, now + tierCacheMillis));
        return tier;
    }
}
