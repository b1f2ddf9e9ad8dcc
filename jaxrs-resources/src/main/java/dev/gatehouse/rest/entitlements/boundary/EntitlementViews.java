package dev.gatehouse.rest.entitlements.boundary;

import dev.gatehouse.entitlements.Check;
import dev.gatehouse.entitlements.Feature;
import dev.gatehouse.entitlements.FeatureKind;
import dev.gatehouse.entitlements.FeatureLimit;
import dev.gatehouse.entitlements.FeatureUsage;
import dev.gatehouse.entitlements.LimitOverride;
import dev.gatehouse.entitlements.LimitType;
import dev.gatehouse.entitlements.PlanCatalog;
import dev.gatehouse.entitlements.Recorded;
import dev.gatehouse.entitlements.Summary;
import dev.gatehouse.entitlements.Tier;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON shapes of seed 001 "Entitlements", built as maps. */
final class EntitlementViews {

    private EntitlementViews() {
    }

    static Map<String, Object> check(Check c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("allowed", c.allowed());
        m.put("feature", c.feature());
        if (!c.allowed()) {
            m.put("reason", c.reason());
            m.put("message", c.message());
        }
        m.put("current_usage", c.currentUsage());
        m.put("limit", c.limit());
        m.put("available", c.available());
        if (!c.allowed() && c.upgradeUrl() != null) { // absent when no upgrade URL is configured
            m.put("upgrade_url", c.upgradeUrl());
        }
        if (c.resetAt() != null) {
            m.put("reset_at", c.resetAt());
        }
        if (c.unit() != null) {
            m.put("unit", c.unit());
        }
        return m;
    }

    static Map<String, Object> recorded(Recorded r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recorded", r.recorded());
        m.put("feature", r.feature());
        m.put("current_usage", r.currentUsage());
        m.put("limit", r.limit());
        return m;
    }

    static Map<String, Object> summary(Summary s) {
        Map<String, Object> features = new LinkedHashMap<>();
        s.entitlements().forEach((key, usage) -> features.put(key, usage(usage)));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workspace_id", s.workspaceId());
        m.put("tier", s.tier());
        m.put("entitlements", features);
        return m;
    }

    private static Map<String, Object> usage(FeatureUsage u) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (u.limit() == null && u.type() != LimitType.UNLIMITED) { // a flag
            m.put("enabled", u.enabled());
            return m;
        }
        m.put("used", u.used());
        m.put("limit", u.limit());
        m.put("available", u.available());
        m.put("percentage", number(u.percentage()));
        if (u.resetAt() != null) {
            m.put("reset_at", u.resetAt());
        }
        if (u.unit() != null) {
            m.put("unit", u.unit());
        }
        if (u.type() == LimitType.SOFT) {
            m.put("soft_limit", true);
        }
        return m;
    }

    /** 20.0 as 20 and 4.5 as 4.5, as the seed shows them. */
    static Object number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Object) (long) value : (Object) BigDecimal.valueOf(value);
    }

    static Map<String, Object> override(LimitOverride o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("feature", o.feature());
        m.put("type", o.type());
        m.put("limit", o.type() == LimitType.UNLIMITED ? null : o.limit());
        m.put("created_at", o.createdAt());
        m.put("created_by_key_id", o.createdByKeyId());
        return m;
    }

    static List<Map<String, Object>> plans(PlanCatalog catalog) {
        return catalog.tiers().stream().map(tier -> plan(catalog, tier)).toList();
    }

    private static Map<String, Object> plan(PlanCatalog catalog, Tier tier) {
        Map<String, Object> rate = new LinkedHashMap<>();
        rate.put("requests_per_minute", tier.rate().requestsPerMinute());
        rate.put("burst", number(tier.rate().burst()));
        rate.put("capacity", tier.rate().capacity());
        Map<String, Object> features = new LinkedHashMap<>();
        for (Feature f : catalog.features()) {
            FeatureLimit limit = tier.limits().get(f.key());
            if (limit != null) {
                features.put(f.key(), feature(f, limit));
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", tier.name());
        m.put("rate_limit", rate);
        m.put("entitlements", features);
        return m;
    }

    private static Map<String, Object> feature(Feature f, FeatureLimit limit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", f.kind());
        m.put("description", f.description());
        if (f.kind() == FeatureKind.FLAG) {
            m.put("enabled", limit.type() == LimitType.UNLIMITED || limit.limit() >= 1);
            return m;
        }
        m.put("type", limit.type());
        m.put("limit", limit.type() == LimitType.UNLIMITED ? null : limit.limit());
        if (f.unit() != null) {
            m.put("unit", f.unit());
        }
        if (f.resetPeriod() != null) {
            m.put("reset_period", f.resetPeriod().name().toLowerCase(Locale.ROOT));
        }
        return m;
    }
}
