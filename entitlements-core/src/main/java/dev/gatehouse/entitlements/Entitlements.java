package dev.gatehouse.entitlements;

import dev.gatehouse.errors.BuilderSettings;
import dev.gatehouse.errors.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

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

    private final PlanCatalog catalog;
    private final UsageStore store;
    private final Clock clock;
    private final String upgradeUrl;
    private final Duration eventRetention;
    private final ArgumentChecks checks;
    private final OverrideCache overrides;
    private final UsageRecording recording;
    private final UsageReports reports;

    private Entitlements(Builder builder) {
        this.catalog = builder.catalog;
        this.store = builder.store;
        this.clock = builder.clock;
        this.upgradeUrl = builder.upgradeUrl;
        this.eventRetention = builder.eventRetention;
        this.checks = new ArgumentChecks(catalog, builder.maxQuantity);
        this.overrides = new OverrideCache(store, clock, builder.overrideCacheTtl.toMillis());
        this.recording = new UsageRecording(checks, store, clock, overrides, builder.listener, upgradeUrl);
        this.reports = new UsageReports(catalog, store, clock, checks, recording, upgradeUrl);
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

    /** The recording steps shared with {@link GroupCommit}. */
    UsageRecording recording() {
        return recording;
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
        return reports.check(workspaceId, tier, feature, quantity);
    }

    /**
     * Fails unless a workspace may use {@code quantity} more of a feature now — what {@link #check}
     * refuses, as an exception. Never consumes. Unlike {@link #check} it reads the usage only when a
     * {@link LimitType#HARD} limit is in force: an unlimited or a soft limit allows any quantity, so the
     * answer does not depend on it (the limit in force, the workspace's override or the tier's, is
     * still looked up).
     *
     * @param workspaceId the workspace
     * @param tier        the workspace's tier name
     * @param feature     the feature key
     * @param quantity    the amount to check, 1 to {@linkplain Builder#maxQuantity(long) the maximum}
     * @throws ValidationException          on {@code tier}, {@code feature} or {@code quantity}
     * @throws FeatureLimitReachedException when a hard limit would be passed, the plan lacks the
     *                                      feature or a flag is off
     */
    public void require(long workspaceId, String tier, String feature, long quantity) {
        reports.require(workspaceId, tier, feature, quantity);
    }

    /**
     * Records usage of a feature in the current period, in the caller's transaction if the store
     * joins one (see {@link GroupCommit} for many concurrent recordings in one transaction).
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
        return recording.recordNow(recording.resolve(workspaceId, tier, feature, quantity, eventId, metadataJson));
    }

    /**
     * Records usage exactly as {@link #record(long, String, String, long, String, String)} does, but
     * through {@code transactionStore}, a view of this instance's store bound to a transaction the host
     * runs itself (say one JDBC connection with other writes of its own), and with threshold
     * notifications going to {@code transactionListener}, which must act in that same transaction or
     * refuse by throwing (the host then rolls back and can record the usual way). The limit in force
     * comes from this instance's override cache, else from {@code transactionStore}.
     *
     * @param transactionStore    the store bound to the host's transaction; it must hold the same data
     *                            as this instance's store
     * @param transactionListener called for each threshold the recording crosses, inside that transaction
     * @return the new total
     * @throws ValidationException          as {@link #record(long, String, String, long, String, String)}
     * @throws FeatureLimitReachedException as {@link #record(long, String, String, long, String, String)}
     */
    public Recorded record(UsageStore transactionStore, EntitlementListener transactionListener, long workspaceId,
                           String tier, String feature, long quantity, String eventId, String metadataJson) {
        Objects.requireNonNull(transactionStore, "transactionStore");
        Objects.requireNonNull(transactionListener, "transactionListener");
        UsageRecording inTransaction = recording.through(transactionStore, transactionListener);
        return inTransaction.recordNow(inTransaction.resolve(workspaceId, tier, feature, quantity, eventId, metadataJson));
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
        return reports.summary(workspaceId, tier);
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
        Feature f = checks.requireFeature(feature);
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
        String key = checks.requireFeature(feature).key();
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
        Feature f = checks.requireFeature(feature);
        if (f.kind() == FeatureKind.FLAG) {
            throw new ValidationException("feature", "The feature '" + f.key() + "' is a flag; flags have no usage.");
        }
        return store.adjust(recording.usageKey(workspaceId, f, clock.instant()), delta);
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

    /**
     * Forgets cached overrides of a workspace's feature, e.g. after a transaction that changed one
     * has committed (the facade already forgets when it writes; a host calls this again after commit
     * so that a read inside the writing transaction is not kept).
     *
     * @param workspaceId the workspace
     * @param feature     the feature key
     */
    public void forgetOverride(long workspaceId, String feature) {
        overrides.forget(workspaceId, feature);
    }

    /**
     * Forgets every cached override on this instance, e.g. when a change made on another instance
     * may have been missed.
     */
    public void forgetOverrides() {
        overrides.forgetAll();
    }

    /** The smallest usage that is at least {@code percent} % of {@code limit}, without overflow. */
    static long thresholdValue(long limit, int percent) {
        return UsageRecording.thresholdValue(limit, percent);
    }

    static double percentage(long used, long limit) {
        return UsageReports.percentage(used, limit);
    }

    /**
     * Configures an {@link Entitlements}. Each setter checks its argument and fails with a message
     * naming the bad value. Not thread-safe.
     */
    public static final class Builder {

        private final BuilderSettings settings = new BuilderSettings();

        /**
         * Default {@link #maxQuantity(long)}: 1 TiB (1,099,511,627,776), so that a quantity in
         * bytes — the largest unit the shipped catalog meters, like its 1 GiB of storage — fits.
         */
        public static final long DEFAULT_MAX_QUANTITY = 1L << 40;
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
         * The largest quantity one check or recording may carry. Default: {@link #DEFAULT_MAX_QUANTITY}
         * (1 TiB). Lower it to refuse implausible recordings earlier.
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
