package dev.gatehouse.entitlements;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A workspace's usage of every feature in its plan.
 *
 * @param workspaceId  the workspace
 * @param tier         the tier name the summary was computed for
 * @param entitlements usage by feature key, in catalog order; features neither the tier nor an
 *                     override includes are left out
 */
public record Summary(long workspaceId, String tier, Map<String, FeatureUsage> entitlements) {

    /**
     * Copies the entitlements into an unmodifiable map that keeps their order.
     *
     * @param workspaceId the {@code workspaceId} component
     * @param tier the {@code tier} component
     * @param entitlements the {@code entitlements} component
     * @throws NullPointerException if {@code tier} or {@code entitlements} is null
     */
    public Summary {
        Objects.requireNonNull(tier, "tier");
        entitlements = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(entitlements, "entitlements")));
    }
}
