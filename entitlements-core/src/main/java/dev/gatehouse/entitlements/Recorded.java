package dev.gatehouse.entitlements;

/**
 * The result of recording usage.
 *
 * @param recorded     always true: a refusal is a {@link FeatureLimitReachedException}
 * @param feature      the feature key
 * @param currentUsage the total right after this usage was added (for a duplicate: right after
 *                     the first recording with that event id)
 * @param limit        the limit in force; null when unlimited
 * @param duplicate    true when the event id had been recorded before and nothing was added
 */
public record Recorded(boolean recorded, String feature, long currentUsage, Long limit, boolean duplicate) {
}
