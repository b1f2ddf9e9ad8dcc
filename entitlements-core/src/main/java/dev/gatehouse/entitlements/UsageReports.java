package dev.gatehouse.entitlements;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The read side of {@link Entitlements}: {@link Entitlements#check}, {@link Entitlements#require} and
 * {@link Entitlements#summary}.
 */
final class UsageReports {

    private final PlanCatalog catalog;
    private final UsageStore store;
    private final Clock clock;
    private final ArgumentChecks checks;
    private final UsageRecording recording;
    private final String upgradeUrl;

    UsageReports(PlanCatalog catalog, UsageStore store, Clock clock, ArgumentChecks checks, UsageRecording recording,
                 String upgradeUrl) {
        this.catalog = catalog;
        this.store = store;
        this.clock = clock;
        this.checks = checks;
        this.recording = recording;
        this.upgradeUrl = upgradeUrl;
    }

    Check check(long workspaceId, String tier, String feature, long quantity) {
        Tier plan = checks.requireTier(tier);
        Feature f = checks.requireFeature(feature);
        checks.requireQuantity(quantity);
        return check(workspaceId, plan, f, quantity, recording.limitInForce(workspaceId, plan, f));
    }

    /**
     * Refuses what {@link #check} would refuse, reading the usage only when the answer depends on it:
     * under an unlimited or a soft limit the check allows any quantity, so nothing is read.
     */
    void require(long workspaceId, String tier, String feature, long quantity) {
        Tier plan = checks.requireTier(tier);
        Feature f = checks.requireFeature(feature);
        checks.requireQuantity(quantity);
        FeatureLimit limit = recording.limitInForce(workspaceId, plan, f);
        if (limit != null && f.kind() != FeatureKind.FLAG && limit.type() != LimitType.HARD) {
            return;
        }
        Check check = check(workspaceId, plan, f, quantity, limit);
        if (!check.allowed()) {
            throw new FeatureLimitReachedException(check.feature(), check.limit() == null ? 0 : check.limit(),
                    check.currentUsage(), check.upgradeUrl(), check.reason(), check.message());
        }
    }

    private Check check(long workspaceId, Tier plan, Feature f, long quantity, FeatureLimit limit) {
        Instant now = clock.instant();
        if (f.kind() == FeatureKind.FLAG) {
            return limit != null && limit.enabled()
                    ? new Check(true, f.key(), 0, null, null, null, null, null, null, null)
                    : new Check(false, f.key(), 0, null, null, Check.FEATURE_NOT_IN_PLAN,
                    ArgumentChecks.notInPlanMessage(f, plan), upgradeUrl, null, null);
        }
        Instant resetAt = recording.resetAt(f, now);
        long used = store.used(recording.usageKey(workspaceId, f, now));
        if (limit == null) {
            return new Check(false, f.key(), used, 0L, 0L, Check.FEATURE_NOT_IN_PLAN,
                    ArgumentChecks.notInPlanMessage(f, plan), upgradeUrl, resetAt, f.unit());
        }
        if (limit.type() == LimitType.UNLIMITED) {
            return new Check(true, f.key(), used, null, null, null, null, null, resetAt, f.unit());
        }
        long max = limit.limit();
        long available = Math.max(0, max - used);
        if (quantity <= max - used || limit.type() == LimitType.SOFT) {
            return new Check(true, f.key(), used, max, available, null, null, null, resetAt, f.unit());
        }
        return new Check(false, f.key(), used, max, available, Check.LIMIT_EXCEEDED,
                ArgumentChecks.exceededMessage(f, used, max), upgradeUrl, resetAt, f.unit());
    }

    Summary summary(long workspaceId, String tier) {
        Tier plan = checks.requireTier(tier);
        Instant now = clock.instant();
        Map<String, LimitOverride> byFeature = store.overrides(workspaceId).stream()
                .collect(Collectors.toMap(LimitOverride::feature, Function.identity(), (a, b) -> b));
        var entitlements = new LinkedHashMap<String, FeatureUsage>();
        for (Feature f : catalog.features()) {
            LimitOverride override = byFeature.get(f.key());
            FeatureLimit limit = override != null ? override.asLimit() : plan.limits().get(f.key());
            if (limit == null) {
                continue;
            }
            if (f.kind() == FeatureKind.FLAG) {
                entitlements.put(f.key(), new FeatureUsage(0, null, null, 0, null, null, limit.enabled(), limit.type()));
                continue;
            }
            long used = store.used(recording.usageKey(workspaceId, f, now));
            Instant resetAt = recording.resetAt(f, now);
            entitlements.put(f.key(), limit.type() == LimitType.UNLIMITED
                    ? new FeatureUsage(used, null, null, 0, resetAt, f.unit(), true, LimitType.UNLIMITED)
                    : new FeatureUsage(used, limit.limit(), Math.max(0, limit.limit() - used),
                    percentage(used, limit.limit()), resetAt, f.unit(), true, limit.type()));
        }
        return new Summary(workspaceId, plan.name(), entitlements);
    }

    static double percentage(long used, long limit) {
        if (limit == 0) {
            return used == 0 ? 0 : 100;
        }
        return Math.round(used * 10_000.0 / limit) / 100.0;
    }
}
