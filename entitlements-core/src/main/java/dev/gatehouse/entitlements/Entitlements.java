package dev.gatehouse.entitlements;

import dev.gatehouse.errors.BuilderSettings;
import dev.gatehouse.errors.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Plan entitlements: checks whether a workspace may use a feature, records usage against its
 * limits exactly once, summarises usage, and manages per-workspace overrides.
 *
 * <pre>{@code
 * Entitlements entitlements = Entitlements.builder()
 *         .catalog(PlanCatalog.defaults())
 *         .store(new InMemoryUsageStore())
 *         .upgradeUrl("https://example.com/upgrade")
 *         .listener(e -> outbox.publish(e.eventType(), e))
 *         .build();
 * Check check = entitlements.check(workspaceId, "pro", "posts", 1);
 * Recorded recorded = entitlements.record(workspaceId, "pro", "api_calls", 1, "evt_42", null);
 * }</pre>
 *
 * <p>The tier is passed by the host on every call (it is a property of the workspace, which this
 * component does not own). The limit in force for a feature is the workspace's
 * {@link LimitOverride} if it has one, else the tier's {@link FeatureLimit}; a feature with
 * neither is not in the plan.
 *
 * <p><b>Exactly-once recording.</b> A recording with an event id goes through
 * {@link UsageStore#recordEvent}, which claims the id, adds the usage under the hard limit and
 * stores the resulting total as one atomic step: of any number of concurrent calls with the same
 * id exactly one adds, the others return its result marked {@code duplicate}, and a refused add
 * leaves no event behind, so a retry after an upgrade can succeed. Ids are remembered for at least
 * the {@linkplain Builder#eventRetention(Duration) event retention} (default 35 days, longer than
 * any monthly period) until {@link #purgeExpiredEvents()} forgets them. Without an event id a
 * recording is a plain guarded add and every call counts.
 *
 * <p>Instances are immutable and thread-safe; share one per catalog and store.
 */
public final class Entitlements {

    /** Event ids: the characters of a URL-safe token and common id schemes, 1 to 128 of them. */
    static final int MAX_EVENT_ID_LENGTH = 128;
    private static final int[] THRESHOLDS = {80, 100};

    private final PlanCatalog catalog;
    private final UsageStore store;
    private final Clock clock;
    private final String upgradeUrl;
    private final long maxQuantity;
    private final Duration eventRetention;
    private final EntitlementListener listener;
    private static final int MAX_CACHED_OVERRIDES = 100_000;
    private final long overrideCacheMillis;
    /** (workspace, feature) → the override in force, or empty, and until when that answer may be reused. */
    private final Map<String, CachedOverride> overrides = new ConcurrentHashMap<>();
    /** Advanced before every forget; a load caches its answer only if it has not moved meanwhile. */
    private final AtomicLong overrideGeneration = new AtomicLong();

    private record CachedOverride(Optional<LimitOverride> value, long freshUntilMillis) {
    }

    private Entitlements(Builder builder) {
        this.catalog = builder.catalog;
        this.store = builder.store;
        this.clock = builder.clock;
        this.upgradeUrl = builder.upgradeUrl;
        this.maxQuantity = builder.maxQuantity;
        this.eventRetention = builder.eventRetention;
        this.listener = builder.listener;
        this.overrideCacheMillis = builder.overrideCacheTtl.toMillis();
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
     * The catalog this instance evaluates against.
     *
     * @return the catalog
     */
    public PlanCatalog catalog() {
        return catalog;
    }

    /**
     * Whether a workspace may use {@code quantity} more of a feature now. Never consumes.
     *
     * <p>A {@link LimitType#HARD} limit refuses usage that would pass it; a {@link LimitType#SOFT}
     * limit reports {@code allowed=true} even past the limit, with the numbers; unlimited features
     * report a null limit. A feature the plan lacks, or a flag that is off, is refused with
     * {@link Check#FEATURE_NOT_IN_PLAN}.
     *
     * @param workspaceId the workspace
     * @param tier        the workspace's tier name
     * @param feature     the feature key
     * @param quantity    the amount to check, 1 to {@linkplain Builder#maxQuantity(long) the maximum}
     * @return the answer
     * @throws ValidationException on {@code tier}, {@code feature} or {@code quantity}
     */
    public Check check(long workspaceId, String tier, String feature, long quantity) {
        Tier plan = requireTier(tier);
        Feature f = requireFeature(feature);
        requireQuantity(quantity);
        Instant now = clock.instant();
        FeatureLimit limit = limitInForce(workspaceId, plan, f);
        if (f.kind() == FeatureKind.FLAG) {
            return limit != null && limit.enabled()
                    ? new Check(true, f.key(), 0, null, null, null, null, null, null, null)
                    : new Check(false, f.key(), 0, null, null, Check.FEATURE_NOT_IN_PLAN,
                    notInPlanMessage(f, plan), upgradeUrl, null, null);
        }
        Instant resetAt = resetAt(f, now);
        long used = store.used(usageKey(workspaceId, f, now));
        if (limit == null) {
            return new Check(false, f.key(), used, 0L, 0L, Check.FEATURE_NOT_IN_PLAN, notInPlanMessage(f, plan),
                    upgradeUrl, resetAt, f.unit());
        }
        if (limit.type() == LimitType.UNLIMITED) {
            return new Check(true, f.key(), used, null, null, null, null, null, resetAt, f.unit());
        }
        long max = limit.limit();
        long available = Math.max(0, max - used);
        if (quantity <= max - used || limit.type() == LimitType.SOFT) {
            return new Check(true, f.key(), used, max, available, null, null, null, resetAt, f.unit());
        }
        return new Check(false, f.key(), used, max, available, Check.LIMIT_EXCEEDED, exceededMessage(f, used, max),
                upgradeUrl, resetAt, f.unit());
    }

    /**
     * Records usage of a feature in the current period.
     *
     * <p>Under a {@link LimitType#HARD} limit the usage is added only if the total stays within
     * the limit, checked and added atomically by the store, so concurrent recordings never pass it.
     * With an event id the recording happens at most once per workspace and id (see the class
     * description); a repeat returns the first result with {@code duplicate=true}. After the add,
     * the recording that takes the total to 80 % or 100 % of the limit calls the
     * {@linkplain Builder#listener listener}, once per period and threshold.
     *
     * @param workspaceId  the workspace
     * @param tier         the workspace's tier name
     * @param feature      the feature key; flags cannot be recorded
     * @param quantity     the amount, 1 to {@linkplain Builder#maxQuantity(long) the maximum}
     * @param eventId      the caller's idempotency id, {@code [A-Za-z0-9_.:-]{1,128}}, or null
     * @param metadataJson the caller's metadata as JSON text, stored verbatim with the event (the
     *                     host validates it), or null
     * @return the new total
     * @throws ValidationException          on {@code tier}, {@code feature} (unknown or a flag),
     *                                      {@code quantity} or {@code event_id} (malformed, or
     *                                      already used for another feature or quantity)
     * @throws FeatureLimitReachedException if a hard limit would be passed or the feature is not
     *                                      in the plan; nothing was recorded
     */
    public Recorded record(long workspaceId, String tier, String feature, long quantity, String eventId,
                           String metadataJson) {
        Tier plan = requireTier(tier);
        Feature f = requireFeature(feature);
        requireQuantity(quantity);
        if (eventId != null) {
            requireEventId(eventId);
        }
        if (f.kind() == FeatureKind.FLAG) {
            throw new ValidationException("feature", "The feature '" + f.key() + "' is a flag; flags cannot be recorded.");
        }
        Instant now = clock.instant();
        UsageKey key = usageKey(workspaceId, f, now);
        FeatureLimit limit = limitInForce(workspaceId, plan, f);
        if (limit == null) {
            // A retry of a recording made before the plan lost the feature still gets its first answer.
            Optional<RecordedEvent> earlier = eventId == null ? Optional.empty() : store.findEvent(workspaceId, eventId);
            if (earlier.isPresent()) {
                return duplicate(earlier.get(), f, quantity, eventId, null);
            }
            throw new FeatureLimitReachedException(f.key(), 0, store.used(key), upgradeUrl,
                    FeatureLimitReachedException.FEATURE_NOT_IN_PLAN, notInPlanMessage(f, plan));
        }
        long cap = limit.type() == LimitType.HARD ? limit.limit() : -1;
        Long reportedLimit = limit.type() == LimitType.UNLIMITED ? null : limit.limit();
        long total;
        if (eventId == null) {
            OptionalLong added = store.tryAdd(key, quantity, cap);
            if (added.isEmpty()) {
                throw limitReached(f, limit.limit(), store.used(key));
            }
            total = added.getAsLong();
        } else {
            var candidate = new RecordedEvent(workspaceId, eventId, f.key(), quantity, 0, now, metadataJson);
            Optional<EventRecording> outcome = store.recordEvent(key, candidate, cap);
            if (outcome.isEmpty()) {
                throw limitReached(f, limit.limit(), store.used(key));
            }
            RecordedEvent stored = outcome.get().event();
            if (outcome.get().duplicate()) {
                return duplicate(stored, f, quantity, eventId, reportedLimit);
            }
            total = stored.totalAfter();
        }
        if (reportedLimit != null) {
            notifyCrossedThresholds(key, f, reportedLimit, total - quantity, total, now);
        }
        return new Recorded(true, f.key(), total, reportedLimit, false);
    }

    private static Recorded duplicate(RecordedEvent first, Feature feature, long quantity, String eventId,
                                      Long limit) {
        if (!first.feature().equals(feature.key()) || first.quantity() != quantity) {
            throw new ValidationException("event_id", "The event id '" + eventId
                    + "' was already used for a different usage record.");
        }
        return new Recorded(true, first.feature(), first.totalAfter(), limit, true);
    }

    /**
     * The workspace's usage of every feature its tier or an override includes.
     *
     * @param workspaceId the workspace
     * @param tier        the workspace's tier name
     * @return the summary, features in catalog order
     * @throws ValidationException on {@code tier}
     */
    public Summary summary(long workspaceId, String tier) {
        Tier plan = requireTier(tier);
        Instant now = clock.instant();
        Map<String, LimitOverride> overrides = store.overrides(workspaceId).stream()
                .collect(Collectors.toMap(LimitOverride::feature, Function.identity(), (a, b) -> b));
        var entitlements = new LinkedHashMap<String, FeatureUsage>();
        for (Feature f : catalog.features()) {
            LimitOverride override = overrides.get(f.key());
            FeatureLimit limit = override != null ? override.asLimit() : plan.limits().get(f.key());
            if (limit == null) {
                continue;
            }
            if (f.kind() == FeatureKind.FLAG) {
                entitlements.put(f.key(), new FeatureUsage(0, null, null, 0, null, null, limit.enabled(), limit.type()));
                continue;
            }
            long used = store.used(usageKey(workspaceId, f, now));
            Instant resetAt = resetAt(f, now);
            entitlements.put(f.key(), limit.type() == LimitType.UNLIMITED
                    ? new FeatureUsage(used, null, null, 0, resetAt, f.unit(), true, LimitType.UNLIMITED)
                    : new FeatureUsage(used, limit.limit(), Math.max(0, limit.limit() - used),
                    percentage(used, limit.limit()), resetAt, f.unit(), true, limit.type()));
        }
        return new Summary(workspaceId, plan.name(), entitlements);
    }

    /**
     * Gives a workspace its own limit for a feature, replacing the tier's (or granting a feature
     * the tier lacks). It takes effect on the next call. Thresholds already notified in the
     * current period are not notified again under the new limit.
     *
     * @param workspaceId the workspace
     * @param feature     the feature key
     * @param type        how the limit is enforced; a flag takes {@link LimitType#HARD} with 1 (on)
     *                    or 0 (off), or {@link LimitType#UNLIMITED} (on)
     * @param limit       the limit, at least 0; ignored (stored as 0) for unlimited
     * @param actorKeyId  the API key making the change, or null
     * @return the stored override
     * @throws ValidationException on {@code feature}, {@code type} or {@code limit}
     */
    public LimitOverride setOverride(long workspaceId, String feature, LimitType type, long limit, Long actorKeyId) {
        Feature f = requireFeature(feature);
        if (type == null) {
            throw new ValidationException("type", "The type field is required: hard, soft or unlimited.");
        }
        long stored = type == LimitType.UNLIMITED ? 0 : limit;
        if (stored < 0) {
            throw new ValidationException("limit", "The limit must be at least 0.");
        }
        if (f.kind() == FeatureKind.FLAG && !PlanCatalog.isFlagLimit(new FeatureLimit(f.key(), type, stored))) {
            throw new ValidationException("limit", "The feature '" + f.key()
                    + "' is a flag: use type hard with limit 1 (on) or 0 (off), or unlimited.");
        }
        var override = new LimitOverride(workspaceId, f.key(), type, stored, clock.instant(), actorKeyId);
        forgetOverride(workspaceId, f.key());
        store.saveOverride(override);
        return override;
    }

    /**
     * A workspace's overrides.
     *
     * @param workspaceId the workspace
     * @return the overrides ordered by feature key
     */
    public List<LimitOverride> overrides(long workspaceId) {
        return store.overrides(workspaceId);
    }

    /**
     * Removes a workspace's override for a feature, so the tier's limit applies again. Does
     * nothing if there is none.
     *
     * @param workspaceId the workspace
     * @param feature     the feature key
     * @throws ValidationException on {@code feature}
     */
    public void removeOverride(long workspaceId, String feature) {
        String key = requireFeature(feature).key();
        forgetOverride(workspaceId, key);
        store.deleteOverride(workspaceId, key);
    }

    /**
     * Corrects a workspace's usage of a feature in the current period, e.g. after files were
     * deleted or a miscount. Intended for root keys only; it ignores limits, never takes usage
     * below 0 and does not notify thresholds.
     *
     * @param workspaceId the workspace
     * @param feature     the feature key; flags have no usage
     * @param delta       the amount to add, negative to subtract
     * @return the new usage
     * @throws ValidationException on {@code feature}
     */
    public long adjustUsage(long workspaceId, String feature, long delta) {
        Feature f = requireFeature(feature);
        if (f.kind() == FeatureKind.FLAG) {
            throw new ValidationException("feature", "The feature '" + f.key() + "' is a flag; flags have no usage.");
        }
        return store.adjust(usageKey(workspaceId, f, clock.instant()), delta);
    }

    /**
     * Forgets event ids recorded longer ago than the event retention, so the store does not grow
     * without bound. Call it periodically (e.g. daily); until then older ids are still honoured.
     *
     * @return how many events were removed
     */
    public int purgeExpiredEvents() {
        return store.purgeEventsBefore(clock.instant().minus(eventRetention));
    }

    /**
     * The start of the period that contains {@code now}: a UTC calendar boundary for metered
     * features (see {@link ResetPeriod}), {@link Instant#EPOCH} for features that never reset.
     *
     * @param feature the feature
     * @param now     the instant
     * @return the period start
     */
    public Instant periodStart(Feature feature, Instant now) {
        Objects.requireNonNull(now, "now");
        ResetPeriod period = Objects.requireNonNull(feature, "feature").resetPeriod();
        return period == null ? Instant.EPOCH : period.start(now);
    }

    /**
     * When the period that contains {@code now} ends and usage starts again from zero.
     *
     * @param feature the feature
     * @param now     the instant
     * @return the start of the next period, or null for features that never reset
     */
    public Instant resetAt(Feature feature, Instant now) {
        Objects.requireNonNull(now, "now");
        ResetPeriod period = Objects.requireNonNull(feature, "feature").resetPeriod();
        return period == null ? null : period.next(now);
    }

    private UsageKey usageKey(long workspaceId, Feature feature, Instant now) {
        return new UsageKey(workspaceId, feature.key(), periodStart(feature, now));
    }

    private FeatureLimit limitInForce(long workspaceId, Tier plan, Feature feature) {
        return override(workspaceId, feature.key())
                .map(LimitOverride::asLimit)
                .orElse(plan.limits().get(feature.key()));
    }

    /** The store's override, through the per-instance cache when one is configured. */
    private Optional<LimitOverride> override(long workspaceId, String feature) {
        if (overrideCacheMillis <= 0) {
            return store.findOverride(workspaceId, feature);
        }
        String key = workspaceId + ":" + feature;
        long now = clock.millis();
        CachedOverride cached = overrides.get(key);
        if (cached != null && now < cached.freshUntilMillis()) {
            return cached.value();
        }
        if (overrides.size() >= MAX_CACHED_OVERRIDES) {
            overrides.clear(); // bounded; reloading is one query per key
        }
        long loadedIn = overrideGeneration.get();
        Optional<LimitOverride> loaded = store.findOverride(workspaceId, feature);
        CachedOverride entry = new CachedOverride(loaded, now + overrideCacheMillis);
        overrides.put(key, entry);
        // A forget that began while the store was read may have missed this entry: take it out again.
        if (overrideGeneration.get() != loadedIn) {
            overrides.remove(key, entry);
        }
        return loaded;
    }

    /**
     * Forgets cached overrides of a workspace's feature, e.g. after a transaction that changed one
     * has committed (the facade already forgets when it writes; a host calls this again after commit
     * so that a read inside the writing transaction is not kept).
     *
     * @param workspaceId the workspace
     * @param feature     the feature key
     */
    public void forgetOverride(long workspaceId, String feature) {
        overrideGeneration.incrementAndGet();
        overrides.remove(workspaceId + ":" + feature);
    }

    /**
     * Forgets every cached override on this instance, e.g. when a change made on another instance
     * may have been missed.
     */
    public void forgetOverrides() {
        overrideGeneration.incrementAndGet();
        overrides.clear();
    }

    // Crossing, not "at or above": exactly one successful add takes an exact counter across a
    // threshold, so the mark (one store write) is only attempted when a notification is due.
    private void notifyCrossedThresholds(UsageKey key, Feature feature, long limit, long before, long after,
                                         Instant now) {
        if (limit <= 0) {
            return;
        }
        for (int percent : THRESHOLDS) {
            long threshold = thresholdValue(limit, percent);
            if (before < threshold && after >= threshold && store.markThreshold(key, percent)) {
                listener.thresholdReached(new ThresholdCrossed(key.workspaceId(), feature.key(), percent, after, limit,
                        key.periodStart(), resetAt(feature, now)));
            }
        }
    }

    /** The smallest usage that is at least {@code percent} % of {@code limit}, without overflow. */
    static long thresholdValue(long limit, int percent) {
        return limit / 100 * percent + ((limit % 100) * percent + 99) / 100;
    }

    static double percentage(long used, long limit) {
        if (limit == 0) {
            return used == 0 ? 0 : 100;
        }
        return Math.round(used * 10_000.0 / limit) / 100.0;
    }

    private FeatureLimitReachedException limitReached(Feature feature, long limit, long used) {
        return new FeatureLimitReachedException(feature.key(), limit, used, upgradeUrl,
                FeatureLimitReachedException.LIMIT_EXCEEDED, exceededMessage(feature, used, limit));
    }

    private static String exceededMessage(Feature feature, long used, long limit) {
        return feature.description() + " limit exceeded. Used: " + used + ", Limit: " + limit;
    }

    private static String notInPlanMessage(Feature feature, Tier plan) {
        return feature.description() + " is not included in the " + plan.name() + " plan.";
    }

    private Tier requireTier(String tier) {
        if (tier == null || tier.isBlank()) {
            throw new ValidationException("tier", "The tier field is required.");
        }
        return catalog.tier(tier).orElseThrow(() -> new ValidationException("tier",
                "Unknown tier" + quoted(tier) + "; expected one of "
                        + catalog.tiers().stream().map(Tier::name).collect(Collectors.joining(", ")) + "."));
    }

    private Feature requireFeature(String feature) {
        if (feature == null || feature.isBlank()) {
            throw new ValidationException("feature", "The feature field is required.");
        }
        return catalog.feature(feature).orElseThrow(() -> new ValidationException("feature",
                "Unknown feature" + quoted(feature) + "."));
    }

    private void requireQuantity(long quantity) {
        if (quantity < 1 || quantity > maxQuantity) {
            throw new ValidationException("quantity", "The quantity must be between 1 and " + maxQuantity + ".");
        }
    }

    static void requireEventId(String eventId) {
        int length = eventId.length();
        boolean valid = length >= 1 && length <= MAX_EVENT_ID_LENGTH;
        for (int i = 0; valid && i < length; i++) {
            char c = eventId.charAt(i);
            valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == ':' || c == '-';
        }
        if (!valid) {
            throw new ValidationException("event_id",
                    "The event id must be 1 to 128 characters of A-Z, a-z, 0-9, _, ., : and -.");
        }
    }

    /** Echoes a caller's value only when it is short and plain, so messages stay safe to return. */
    private static String quoted(String value) {
        return value.length() <= 64 && value.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '\'')
                ? " '" + value + "'" : "";
    }

    /**
     * Configures an {@link Entitlements}. Each setter checks its argument and fails with a message
     * naming the bad value. Not thread-safe.
     */
    public static final class Builder {

        private final BuilderSettings settings = new BuilderSettings();

        /** Default {@link #maxQuantity(long)}. */
        public static final long DEFAULT_MAX_QUANTITY = 1_000_000_000L;
        /** Default {@link #eventRetention(Duration)}. */
        public static final Duration DEFAULT_EVENT_RETENTION = Duration.ofDays(35);
        /** Shortest {@link #eventRetention(Duration)}: longer than the longest month. */
        public static final Duration MIN_EVENT_RETENTION = Duration.ofDays(32);

        private PlanCatalog catalog = PlanCatalog.defaults();
        private UsageStore store;
        private Clock clock = Clock.systemUTC();
        private String upgradeUrl;
        private long maxQuantity = DEFAULT_MAX_QUANTITY;
        private Duration eventRetention = DEFAULT_EVENT_RETENTION;
        private EntitlementListener listener = event -> { };
        private Duration overrideCacheTtl = Duration.ZERO;

        private Builder() {
        }

        /**
         * The plans to evaluate against. Default: {@link PlanCatalog#defaults()}.
         *
         * @param catalog the catalog
         * @return this builder
         */
        public Builder catalog(PlanCatalog catalog) {
            settings.once("catalog");
            this.catalog = BuilderSettings.requireNonNull("catalog", catalog);
            return this;
        }

        /**
         * Where usage, events and overrides live. Required.
         *
         * @param store the store
         * @return this builder
         */
        public Builder store(UsageStore store) {
            settings.once("store");
            this.store = BuilderSettings.requireNonNull("store", store);
            return this;
        }

        /**
         * The time source for periods and event timestamps. Default: {@link Clock#systemUTC()}.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            settings.once("clock");
            this.clock = BuilderSettings.requireNonNull("clock", clock);
            return this;
        }

        /**
         * Where a refused customer can upgrade, returned in refusals. Default: none (null).
         *
         * @param upgradeUrl an absolute URL, or null
         * @return this builder
         * @throws IllegalArgumentException if it is blank
         */
        public Builder upgradeUrl(String upgradeUrl) {
            settings.once("upgradeUrl");
            if (upgradeUrl != null && upgradeUrl.isBlank()) {
                throw new IllegalArgumentException("upgradeUrl must not be blank but was '" + upgradeUrl + "'");
            }
            this.upgradeUrl = upgradeUrl;
            return this;
        }

        /**
         * The largest quantity one check or recording may carry. Default: 1,000,000,000. Raise it
         * when a single recording can be larger, e.g. storage of files above 1 GB in bytes.
         *
         * @param maxQuantity at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder maxQuantity(long maxQuantity) {
            settings.once("maxQuantity");
            this.maxQuantity = BuilderSettings.requireAtLeast("maxQuantity", maxQuantity, 1);
            return this;
        }

        /**
         * How long event ids are remembered for de-duplication. Default: 35 days.
         *
         * @param eventRetention at least 32 days, so an id is remembered for the whole of any
         *                       monthly period it was recorded in
         * @return this builder
         * @throws IllegalArgumentException if shorter than 32 days
         */
        public Builder eventRetention(Duration eventRetention) {
            settings.once("eventRetention");
            BuilderSettings.requireNonNull("eventRetention", eventRetention);
            if (eventRetention.compareTo(MIN_EVENT_RETENTION) < 0) {
                throw new IllegalArgumentException("eventRetention must be at least " + MIN_EVENT_RETENTION
                        + " but was " + eventRetention);
            }
            this.eventRetention = eventRetention;
            return this;
        }

        /**
         * Receives threshold notifications. Default: none.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(EntitlementListener listener) {
            settings.once("listener");
            this.listener = BuilderSettings.requireNonNull("listener", listener);
            return this;
        }

        /**
         * Reuses a workspace's override of a feature for this long on this instance instead of
         * reading the store on every check and recording. Default: zero (always read). Changes made
         * through this instance are seen at once; changes made elsewhere within this time.
         *
         * @param ttl zero or positive, at most one hour
         * @return this builder
         */
        public Builder overrideCacheTtl(Duration ttl) {
            settings.once("overrideCacheTtl");
            BuilderSettings.requireNonNull("overrideCacheTtl", ttl);
            if (ttl.isNegative() || ttl.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("overrideCacheTtl must be from 0 to 1 hour but was " + ttl);
            }
            this.overrideCacheTtl = ttl;
            return this;
        }

        /**
         * Builds the instance.
         *
         * @return the configured {@link Entitlements}
         * @throws IllegalStateException if no store was set
         */
        public Entitlements build() {
            if (store == null) {
                throw new IllegalStateException("store is required: use new InMemoryUsageStore() or a database store");
            }
            return new Entitlements(this);
        }
    }
}
