package dev.gatehouse.rest.entitlements.boundary;

import dev.gatehouse.entitlements.Check;
import dev.gatehouse.entitlements.Feature;
import dev.gatehouse.entitlements.FeatureKind;
import dev.gatehouse.entitlements.FeatureLimit;
import dev.gatehouse.entitlements.LimitType;
import dev.gatehouse.entitlements.PlanCatalog;
import dev.gatehouse.entitlements.Recorded;
import dev.gatehouse.entitlements.ResetPeriod;
import dev.gatehouse.entitlements.Summary;
import dev.gatehouse.entitlements.Tier;
import dev.gatehouse.rest.platform.boundary.Wire;
import dev.gatehouse.rest.platform.boundary.Wire.Doc;
import dev.gatehouse.rest.platform.boundary.Wire.Nullable;
import dev.gatehouse.rest.platform.boundary.Wire.Omitted;
import dev.gatehouse.rest.platform.boundary.Wire.Required;
import dev.gatehouse.rest.platform.boundary.Wire.Values;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON shapes of seed 001 "Entitlements", as response records (see {@link Wire}). Where a
 * property is absent in one case and {@code null} in another (a limit: absent for a flag, null when
 * unlimited), the component is an {@code Optional}: null leaves it out, empty writes {@code null}.
 */
final class EntitlementViews {

    private EntitlementViews() {
    }

    @Wire.Schema("EntitlementCheck")
    record CheckView(@Required boolean allowed, @Required String feature,
                     @Omitted @Values({Check.LIMIT_EXCEEDED, Check.FEATURE_NOT_IN_PLAN}) String reason,
                     @Omitted String message, @Required long currentUsage, @Nullable Long limit,
                     @Nullable Long available, @Omitted String upgradeUrl, @Omitted Instant resetAt, @Omitted String unit) {

        static CheckView from(Check c) {
            return new CheckView(c.allowed(), c.feature(), c.allowed() ? null : c.reason(), c.allowed() ? null : c.message(),
                    c.currentUsage(), c.limit(), c.available(),
                    c.allowed() ? null : c.upgradeUrl(), // absent when no upgrade URL is configured
                    c.resetAt(), c.unit());
        }
    }

    record UsageRecorded(@Required boolean recorded, @Required String feature, @Required long currentUsage,
                         @Nullable Long limit) {

        static UsageRecorded from(Recorded r) {
            return new UsageRecorded(r.recorded(), r.feature(), r.currentUsage(), r.limit());
        }
    }

    record EntitlementSummary(@Required long workspaceId, @Required String tier,
                              @Required Map<String, FeatureUsage> entitlements) {

        static EntitlementSummary from(Summary s) {
            Map<String, FeatureUsage> features = new LinkedHashMap<>();
            s.entitlements().forEach((key, usage) -> features.put(key, FeatureUsage.from(usage)));
            return new EntitlementSummary(s.workspaceId(), s.tier(), features);
        }
    }

    /** A flag shows only {@code enabled}; a limited feature its usage. */
    record FeatureUsage(@Omitted Long used, @Omitted @Nullable Optional<Long> limit, @Omitted @Nullable Optional<Long> available,
                        @Omitted Number percentage, @Omitted Instant resetAt, @Omitted String unit, @Omitted Boolean enabled,
                        @Omitted Boolean softLimit) {

        static FeatureUsage from(dev.gatehouse.entitlements.FeatureUsage u) {
            if (u.limit() == null && u.type() != LimitType.UNLIMITED) { // a flag
                return new FeatureUsage(null, null, null, null, null, null, u.enabled(), null);
            }
            return new FeatureUsage(u.used(), Optional.ofNullable(u.limit()), Optional.ofNullable(u.available()),
                    number(u.percentage()), u.resetAt(), u.unit(), null, u.type() == LimitType.SOFT ? Boolean.TRUE : null);
        }
    }

    /** 20.0 as 20 and 4.5 as 4.5, as the seed shows them. */
    static Number number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Number) (long) value : BigDecimal.valueOf(value);
    }

    record LimitOverride(String feature, LimitType type, @Nullable Long limit, Instant createdAt,
                         @Nullable Long createdByKeyId) {

        static LimitOverride from(dev.gatehouse.entitlements.LimitOverride o) {
            return new LimitOverride(o.feature(), o.type(), o.type() == LimitType.UNLIMITED ? null : o.limit(), o.createdAt(),
                    o.createdByKeyId());
        }
    }

    record UsageAdjusted(String feature, long delta, long used, String reason) {
    }

    record UsageSeries(String feature, @Values({"day", "month"}) String interval, LocalDate from, LocalDate to,
                       List<UsageSeriesPoint> points) {
    }

    record UsageSeriesPoint(@Doc("First UTC day of the step") LocalDate start, long quantity) {
    }

    record Plan(String name, PlanRateLimit rateLimit, Map<String, PlanFeature> entitlements) {

        static List<Plan> all(PlanCatalog catalog) {
            return catalog.tiers().stream().map(tier -> from(catalog, tier)).toList();
        }

        private static Plan from(PlanCatalog catalog, Tier tier) {
            Map<String, PlanFeature> features = new LinkedHashMap<>();
            for (Feature f : catalog.features()) {
                FeatureLimit limit = tier.limits().get(f.key());
                if (limit != null) {
                    features.put(f.key(), PlanFeature.from(f, limit));
                }
            }
            PlanRateLimit rate = new PlanRateLimit(tier.rate().requestsPerMinute(), number(tier.rate().burst()),
                    tier.rate().capacity());
            return new Plan(tier.name(), rate, features);
        }
    }

    record PlanRateLimit(long requestsPerMinute, Number burst, long capacity) {
    }

    /** A flag shows whether it is on; a limited feature its limit. */
    record PlanFeature(FeatureKind kind, String description, @Omitted Boolean enabled, @Omitted LimitType type,
                       @Omitted @Nullable Optional<Long> limit, @Omitted String unit, @Omitted ResetPeriod resetPeriod) {

        static PlanFeature from(Feature f, FeatureLimit limit) {
            if (f.kind() == FeatureKind.FLAG) {
                return new PlanFeature(f.kind(), f.description(), limit.type() == LimitType.UNLIMITED || limit.limit() >= 1,
                        null, null, null, null);
            }
            return new PlanFeature(f.kind(), f.description(), null, limit.type(),
                    limit.type() == LimitType.UNLIMITED ? Optional.empty() : Optional.of(limit.limit()), f.unit(),
                    f.resetPeriod());
        }
    }
}
