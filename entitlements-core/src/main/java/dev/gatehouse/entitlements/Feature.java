package dev.gatehouse.entitlements;

import java.util.Objects;

/**
 * A capability or resource that plans limit, as declared in the {@link PlanCatalog}.
 *
 * @param key         the stable identifier used in the API and in storage, e.g. {@code api_calls}
 * @param kind        how the feature is measured
 * @param description a human-readable name used in messages, e.g. {@code Post} gives
 *                    "Post limit exceeded. Used: 100, Limit: 100"; defaults to the key when null
 * @param unit        the unit of a {@link FeatureKind#QUANTITY} feature, e.g. {@code bytes}; null for
 *                    every other kind
 * @param resetPeriod the period of a {@link FeatureKind#METERED} feature; null for every other kind
 */
public record Feature(String key, FeatureKind kind, String description, String unit, ResetPeriod resetPeriod) {

    /**
     * Checks that the components are consistent with the kind.
     *
     * @param key the {@code key} component
     * @param kind the {@code kind} component
     * @param description the {@code description} component
     * @param unit the {@code unit} component
     * @param resetPeriod the {@code resetPeriod} component
     * @throws NullPointerException     if {@code key} or {@code kind} is null
     * @throws IllegalArgumentException if the key is blank, a metered feature has no reset period,
     *                                  another kind has one, a quantity feature has no unit, or
     *                                  another kind has one
     */
    public Feature {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        if (key.isBlank()) {
            throw new IllegalArgumentException("feature key must not be blank");
        }
        if ((kind == FeatureKind.METERED) != (resetPeriod != null)) {
            throw new IllegalArgumentException("feature '" + key + "': a reset period is required for metered"
                    + " features and not allowed for " + kind + " (was " + resetPeriod + ")");
        }
        if ((kind == FeatureKind.QUANTITY) != (unit != null && !unit.isBlank())) {
            throw new IllegalArgumentException("feature '" + key + "': a unit is required for quantity"
                    + " features and not allowed for " + kind + " (was '" + unit + "')");
        }
        if (description == null || description.isBlank()) {
            description = key;
        }
    }
}
