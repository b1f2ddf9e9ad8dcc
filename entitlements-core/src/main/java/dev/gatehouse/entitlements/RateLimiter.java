package dev.gatehouse.entitlements;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.distributed.proxy.ProxyManager;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Per-tier request rate limits as Bucket4j token buckets.
 *
 * <pre>{@code
 * RateLimiter limiter = RateLimiter.builder().catalog(PlanCatalog.defaults()).build();
 * RateLimitDecision d = limiter.tryConsume(String.valueOf(keyId), "pro");
 * if (!d.allowed()) { // 429 with Retry-After: d.retryAfter().toSeconds()
 * }
 * }</pre>
 *
 * <p>Each API key has its own bucket of {@link RatePolicy#capacity()} tokens (requests per minute
 * plus the tier's burst), refilled <em>greedily</em> at the tier's requests per minute: a token
 * comes back every {@code 60 s / rpm} instead of all of them at the start of each minute
 * ("interval" refill). A quiet key can therefore send a burst of up to the capacity, a busy key is
 * held to the sustained rate, and a refused client waits fractions of a second to a second, not up
 * to a minute. Keys never share a bucket; anonymous clients get their own buckets keyed by
 * address, with {@link Builder#anonymousPerMinute(long)} requests per minute and no burst.
 *
 * <p>Buckets live in this JVM by default (a bounded map, see {@link Builder#maxBuckets(int)}), so
 * with several instances each enforces the limit separately. {@link Builder#shared(ProxyManager)}
 * puts them in a Bucket4j {@link ProxyManager} (e.g. {@code bucket4j_jdk17-postgresql} or JCache)
 * so that the limit holds across instances. Time comes from the injected {@link Clock}; build a
 * shared ProxyManager with {@code clientClock(RateLimiter.timeMeter(clock))} so it agrees.
 *
 * <p>Instances are thread-safe. {@link #tryConsume} on an existing in-memory bucket does two map
 * look-ups and one lock-free bucket update and allocates only the result.
 */
public final class RateLimiter {

    private final Clock clock;
    private final Map<String, BucketSpec> specs;
    private final BucketSpec fallback;
    private final BucketSpec anonymous;
    private final Buckets keyBuckets;
    private final Buckets anonymousBuckets;

    private RateLimiter(Builder builder) {
        this.clock = builder.clock;
        var bySpecName = new HashMap<String, BucketSpec>();
        for (Tier tier : builder.catalog.tiers()) {
            bySpecName.put(tier.name(), new BucketSpec(tier.name(), tier.rate(), "k:"));
        }
        this.specs = Map.copyOf(bySpecName);
        this.fallback = specs.get(builder.catalog.fallbackTier().name());
        this.anonymous = new BucketSpec("anonymous", new RatePolicy(builder.anonymousPerMinute, 0), "a:");
        TimeMeter timeMeter = new ClockTimeMeter(clock);
        this.keyBuckets = builder.proxyManager != null
                ? new SharedBuckets(builder.proxyManager)
                : new LocalBuckets(builder.maxBuckets, timeMeter);
        // Per instance even with a shared store: an unauthenticated flood must not turn into a
        // database write per request, and a per-address limit is flood protection, not a plan.
        this.anonymousBuckets = new LocalBuckets(builder.maxBuckets, timeMeter);
    }

    /**
     * Starts building an instance.
     *
     * @return a builder with the defaults described on its methods
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A Bucket4j {@link TimeMeter} reading a {@link Clock} with nanosecond resolution, for
     * building a shared {@link ProxyManager} whose refill follows the same clock as this limiter.
     *
     * @param clock the clock
     * @return a wall-clock based time meter
     */
    public static TimeMeter timeMeter(Clock clock) {
        return new ClockTimeMeter(clock);
    }

    /**
     * Takes one request from an API key's bucket.
     *
     * <p>A tier name the catalog does not know falls back to the {@code free} tier (or the
     * catalog's lowest tier if it has no {@code free}), so a misconfigured key gets the most
     * restrictive limit rather than none. When a key's tier changes, its next call uses the new
     * tier's limit.
     *
     * @param bucketKey identifies the caller, e.g. the API key id; one bucket per distinct value
     * @param tier      the key's rate-limit tier name
     * @return the decision; when refused nothing was taken
     */
    public RateLimitDecision tryConsume(String bucketKey, String tier) {
        return tryConsume(bucketKey, tier, 0);
    }

    /**
     * Takes one request from an API key's bucket, saying how recent the caller's knowledge of the
     * tier is. With a {@link Builder#shared(ProxyManager) shared} store a bucket is kept per key
     * whatever its tier; the configuration with the highest version wins there and replaces an
     * older one (spent tokens stay spent, an upgrade adds the capacity difference). So when
     * instances disagree for a moment about a key's tier, the one that knows the newer tier
     * reconfigures the bucket and the other takes from that same bucket.
     *
     * @param bucketKey   identifies the caller, as for {@link #tryConsume(String, String)}
     * @param tier        the key's rate-limit tier name
     * @param tierVersion when the tier was last set, e.g. in epoch milliseconds; never decreasing
     *                    for one key; 0 when it never changes
     * @return the decision; when refused nothing was taken
     */
    public RateLimitDecision tryConsume(String bucketKey, String tier, long tierVersion) {
        Objects.requireNonNull(bucketKey, "bucketKey");
        BucketSpec spec = spec(tier);
        return consume(keyBuckets.acquire(bucketKey, spec, tierVersion), spec);
    }

    /**
     * Takes one request from an unauthenticated client's bucket
     * ({@link Builder#anonymousPerMinute(long)} per minute, no burst). Anonymous buckets are
     * separate from key buckets even when the strings are equal.
     *
     * @param clientAddress identifies the client, e.g. its IP address
     * @return the decision; when refused nothing was taken
     */
    public RateLimitDecision tryConsumeAnonymous(String clientAddress) {
        Objects.requireNonNull(clientAddress, "clientAddress");
        return consume(anonymousBuckets.acquire(clientAddress, anonymous, 0), anonymous);
    }

    /**
     * Reports an API key's bucket without taking from it, e.g. so a key-verification endpoint can
     * answer "rate limited". A key without an in-memory bucket yet reports a full bucket without
     * creating one; with a shared ProxyManager the bucket is created full if absent.
     *
     * @param bucketKey identifies the caller, as for {@link #tryConsume}
     * @param tier      the key's rate-limit tier name; unknown names fall back as for {@link #tryConsume}
     * @return whether one request would be allowed now, and the bucket's state
     */
    public RateLimitDecision peek(String bucketKey, String tier) {
        return peek(bucketKey, tier, 0);
    }

    /**
     * Like {@link #peek(String, String)}, with the tier's version as for
     * {@link #tryConsume(String, String, long)}.
     *
     * @param bucketKey   identifies the caller
     * @param tier        the key's rate-limit tier name
     * @param tierVersion when the tier was last set; 0 when it never changes
     * @return whether one request would be allowed now, and the bucket's state
     */
    public RateLimitDecision peek(String bucketKey, String tier, long tierVersion) {
        Objects.requireNonNull(bucketKey, "bucketKey");
        BucketSpec spec = spec(tier);
        Bucket bucket = keyBuckets.find(bucketKey, spec, tierVersion);
        Instant now = clock.instant();
        if (bucket == null) {
            return new RateLimitDecision(true, spec.capacity, spec.capacity, now, Duration.ZERO, spec.policy);
        }
        VerboseResult<EstimationProbe> estimate = bucket.asVerbose().estimateAbilityToConsume(1);
        EstimationProbe probe = estimate.getValue();
        Instant resetAt = now.plusNanos(estimate.getDiagnostics().calculateFullRefillingTime());
        long remaining = Math.max(0, probe.getRemainingTokens());
        return probe.canBeConsumed()
                ? new RateLimitDecision(true, spec.capacity, remaining, resetAt, Duration.ZERO, spec.policy)
                : new RateLimitDecision(false, spec.capacity, remaining, resetAt,
                retryAfter(probe.getNanosToWaitForRefill()), spec.policy);
    }

    private BucketSpec spec(String tier) {
        BucketSpec spec = tier == null ? null : specs.get(tier);
        return spec != null ? spec : fallback;
    }

    private RateLimitDecision consume(Bucket bucket, BucketSpec spec) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        Instant resetAt = clock.instant().plusNanos(probe.getNanosToWaitForReset());
        long remaining = Math.max(0, probe.getRemainingTokens());
        return probe.isConsumed()
                ? new RateLimitDecision(true, spec.capacity, remaining, resetAt, Duration.ZERO, spec.policy)
                : new RateLimitDecision(false, spec.capacity, remaining, resetAt,
                retryAfter(probe.getNanosToWaitForRefill()), spec.policy);
    }

    /** Whole seconds, rounded up, at least one: what a {@code Retry-After} header can carry. */
    static Duration retryAfter(long nanos) {
        long seconds = nanos / 1_000_000_000L + (nanos % 1_000_000_000L == 0 ? 0 : 1);
        return Duration.ofSeconds(Math.max(1, seconds));
    }

    /** Package-private view for tests of eviction. */
    int localBucketCount() {
        return keyBuckets instanceof LocalBuckets local ? local.size() : -1;
    }

    /**
     * Configures a {@link RateLimiter}. Each setter checks its argument and fails with a message
     * naming the bad value. Not thread-safe.
     */
    public static final class Builder {

        /** Default {@link #anonymousPerMinute(long)}. */
        public static final long DEFAULT_ANONYMOUS_PER_MINUTE = 300;
        /** Default {@link #maxBuckets(int)}. */
        public static final int DEFAULT_MAX_BUCKETS = 200_000;

        private PlanCatalog catalog = PlanCatalog.defaults();
        private Clock clock = Clock.systemUTC();
        private long anonymousPerMinute = DEFAULT_ANONYMOUS_PER_MINUTE;
        private int maxBuckets = DEFAULT_MAX_BUCKETS;
        private ProxyManager<String> proxyManager;

        private Builder() {
        }

        /**
         * The tiers whose {@link RatePolicy} applies. Default: {@link PlanCatalog#defaults()}.
         *
         * @param catalog the catalog
         * @return this builder
         */
        public Builder catalog(PlanCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /**
         * The time source for refill and reset times. Default: {@link Clock#systemUTC()}.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The rate for unauthenticated clients, per address. Default: 300 per minute, no burst.
         *
         * @param requestsPerMinute 1 to 1,000,000,000
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder anonymousPerMinute(long requestsPerMinute) {
            if (requestsPerMinute < 1 || requestsPerMinute > RatePolicy.MAX_REQUESTS_PER_MINUTE) {
                throw new IllegalArgumentException("anonymousPerMinute must be in 1.."
                        + RatePolicy.MAX_REQUESTS_PER_MINUTE + " but was " + requestsPerMinute);
            }
            this.anonymousPerMinute = requestsPerMinute;
            return this;
        }

        /**
         * The most in-memory buckets kept for keys, and separately for anonymous clients.
         * Default: 200,000. Above it, buckets that have refilled to capacity are dropped first
         * (which changes no decision), then arbitrary ones (which forgives their recent requests).
         * Ignored with {@link #shared(ProxyManager)}.
         *
         * @param maxBuckets at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder maxBuckets(int maxBuckets) {
            if (maxBuckets < 1) {
                throw new IllegalArgumentException("maxBuckets must be >= 1 but was " + maxBuckets);
            }
            this.maxBuckets = maxBuckets;
            return this;
        }

        /**
         * Keeps buckets in a Bucket4j {@link ProxyManager} shared by all instances instead of in
         * memory (anonymous clients' per-address buckets stay in this JVM). Keys are
         * {@code k:<bucketKey>}; a tier change
         * replaces the bucket's stored configuration (see {@link RateLimiter#tryConsume(String,
         * String, long)}); configure
         * the ProxyManager's expiration (e.g. {@code ExpirationAfterWriteStrategy
         * .basedOnTimeForRefillingBucketUpToMax}) so idle buckets are removed, and its
         * {@code clientClock(RateLimiter.timeMeter(clock))} so it shares this limiter's clock.
         *
         * @param proxyManager the proxy manager
         * @return this builder
         */
        public Builder shared(ProxyManager<String> proxyManager) {
            this.proxyManager = Objects.requireNonNull(proxyManager, "proxyManager");
            return this;
        }

        /**
         * Builds the instance.
         *
         * @return the configured {@link RateLimiter}
         */
        public RateLimiter build() {
            return new RateLimiter(this);
        }
    }
}
