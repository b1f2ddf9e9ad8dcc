package dev.gatehouse.entitlements;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A plan: its request rate and its feature limits.
 *
 * @param name   the tier name, e.g. {@code pro}
 * @param rate   the request rate of API keys on this tier
 * @param limits the limits by feature key, in catalog order; a feature absent from the map is not
 *               part of the plan (unless a workspace override grants it)
 */
public record Tier(String name, RatePolicy rate, Map<String, FeatureLimit> limits) {

    /**
     * Checks the components and copies the limits into an unmodifiable map that keeps their order.
     *
     * @param name the {@code name} component
     * @param rate the {@code rate} component
     * @param limits the {@code limits} component
     * @throws NullPointerException     if any component or limit is null
     * @throws IllegalArgumentException if the name is blank or a limit is filed under another
     *                                  feature's key
     */
    public Tier {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(limits, "limits");
        if (name.isBlank()) {
            throw new IllegalArgumentException("tier name must not be blank");
        }
        var copy = new LinkedHashMap<String, FeatureLimit>();
        limits.forEach((feature, limit) -> {
            Objects.requireNonNull(limit, "limit of " + feature);
            if (!limit.feature().equals(feature)) {
                throw new IllegalArgumentException("tier '" + name + "': limit for '" + limit.feature()
                        + "' is filed under '" + feature + "'");
            }
            copy.put(feature, limit);
        });
        limits = Collections.unmodifiableMap(copy);
    }

    /**
     * The tier's own limit for a feature, ignoring workspace overrides.
     *
     * @param feature the feature key
     * @return the limit, or empty when the feature is not part of this tier
     */
    public Optional<FeatureLimit> limit(String feature) {
        return Optional.ofNullable(limits.get(feature));
    }
}
