package dev.gatehouse.entitlements;

import java.time.Instant;
import java.util.Objects;

/**
 * A workspace-specific limit that replaces its tier's limit for one feature, e.g. a negotiated
 * contract or a trial of a higher plan's feature. It can also grant a feature the tier lacks.
 *
 * @param workspaceId     the workspace
 * @param feature         the feature key
 * @param type            how the limit is enforced
 * @param limit           the limit; ignored for {@link LimitType#UNLIMITED}; 1 = on, 0 = off for flags
 * @param createdAt       when it was set
 * @param createdByKeyId  the API key that set it, or null when set by the system
 */
public record LimitOverride(long workspaceId, String feature, LimitType type, long limit, Instant createdAt,
                            Long createdByKeyId) {

    /**
     * Checks the components.
     *
     * @param workspaceId the {@code workspaceId} component
     * @param feature the {@code feature} component
     * @param type the {@code type} component
     * @param limit the {@code limit} component
     * @param createdAt the {@code createdAt} component
     * @param createdByKeyId the {@code createdByKeyId} component
     * @throws NullPointerException     if {@code feature}, {@code type} or {@code createdAt} is null
     * @throws IllegalArgumentException if a hard or soft limit is negative
     */
    public LimitOverride {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(createdAt, "createdAt");
        if (type != LimitType.UNLIMITED && limit < 0) {
            throw new IllegalArgumentException("override limit of '" + feature + "' must be >= 0 but was " + limit);
        }
    }

    /** The override as the limit it stands in for. */
    FeatureLimit asLimit() {
        return new FeatureLimit(feature, type, limit);
    }
}
