package dev.gatehouse.entitlements;

import java.time.Instant;

/**
 * A workspace's usage reached a percentage of its limit for the first time in a period. The host
 * publishes it as the webhook event {@value #THRESHOLD_REACHED} (80 %) or
 * {@value #LIMIT_REACHED} (100 %); {@link #eventType()} picks the name.
 *
 * @param workspaceId the workspace
 * @param feature     the feature key
 * @param percent     80 or 100
 * @param used        the total right after the recording that crossed the threshold
 * @param limit       the limit in force
 * @param periodStart the start of the period ({@link Instant#EPOCH} for features that never reset)
 * @param resetAt     when the period ends, or null for features that never reset
 */
public record ThresholdCrossed(long workspaceId, String feature, int percent, long used, long limit,
                               Instant periodStart, Instant resetAt) {

    /** Webhook event type for the 80 % threshold. */
    public static final String THRESHOLD_REACHED = "entitlement.threshold_reached";
    /** Webhook event type for the 100 % threshold. */
    public static final String LIMIT_REACHED = "entitlement.limit_reached";

    /**
     * The webhook event type for this crossing.
     *
     * @return {@value #LIMIT_REACHED} at 100 % or more, else {@value #THRESHOLD_REACHED}
     */
    public String eventType() {
        return percent >= 100 ? LIMIT_REACHED : THRESHOLD_REACHED;
    }
}
