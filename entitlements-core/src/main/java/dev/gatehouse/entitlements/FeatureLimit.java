package dev.gatehouse.entitlements;

import java.util.Objects;

/**
 * What a tier (or a workspace override) allows for one feature.
 *
 * @param feature the feature key
 * @param type    how the limit is enforced
 * @param limit   the maximum usage per period; ignored for {@link LimitType#UNLIMITED}; for a
 *                {@link FeatureKind#FLAG} feature {@code 1} means on and {@code 0} off
 */
public record FeatureLimit(String feature, LimitType type, long limit) {

    /**
     * Checks the components.
     *
     * @param feature the {@code feature} component
     * @param type the {@code type} component
     * @param limit the {@code limit} component
     * @throws NullPointerException     if {@code feature} or {@code type} is null
     * @throws IllegalArgumentException if a hard or soft limit is negative
     */
    public FeatureLimit {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(type, "type");
        if (type != LimitType.UNLIMITED && limit < 0) {
            throw new IllegalArgumentException("limit of '" + feature + "' must be >= 0 but was " + limit);
        }
    }

    /** Whether this limit switches a flag feature on: unlimited, or a limit of at least 1. */
    boolean enabled() {
        return type == LimitType.UNLIMITED || limit >= 1;
    }
}
