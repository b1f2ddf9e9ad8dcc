package dev.gatehouse.entitlements;

import java.time.Instant;
import java.util.Objects;

/**
 * Identifies one usage counter: a workspace's usage of a feature in one period.
 *
 * @param workspaceId the workspace
 * @param feature     the feature key
 * @param periodStart the start of the period for a {@link FeatureKind#METERED} feature (see
 *                    {@link Entitlements#periodStart(Feature, Instant)}); {@link Instant#EPOCH}
 *                    for features that never reset
 */
public record UsageKey(long workspaceId, String feature, Instant periodStart) {

    /**
     * Checks the components.
     *
     * @param workspaceId the {@code workspaceId} component
     * @param feature the {@code feature} component
     * @param periodStart the {@code periodStart} component
     * @throws NullPointerException if {@code feature} or {@code periodStart} is null
     */
    public UsageKey {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(periodStart, "periodStart");
    }
}
