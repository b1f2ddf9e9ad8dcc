package dev.gatehouse.entitlements;

import java.time.Instant;

/**
 * The answer to "may this workspace use this much of this feature now?" Checking never consumes.
 *
 * @param allowed      whether the usage would be accepted; true past a {@link LimitType#SOFT}
 *                     limit, whose numbers then show the overage
 * @param feature      the feature key
 * @param currentUsage the usage in the current period (0 for flags)
 * @param limit        the limit in force; null when unlimited and for flags
 * @param available    {@code max(0, limit - currentUsage)}; null when unlimited and for flags
 * @param reason       null when allowed; {@link #LIMIT_EXCEEDED} or {@link #FEATURE_NOT_IN_PLAN}
 *                     (also for a flag that is off)
 * @param message      null when allowed; otherwise e.g. "Post limit exceeded. Used: 100, Limit: 100"
 * @param upgradeUrl   the configured upgrade URL when refused, else null
 * @param resetAt      when the usage starts again from zero, for metered features; else null
 * @param unit         the unit of a quantity feature, e.g. {@code bytes}; else null
 */
public record Check(boolean allowed, String feature, long currentUsage, Long limit, Long available, String reason,
                    String message, String upgradeUrl, Instant resetAt, String unit) {

    /** {@link #reason()} when the requested usage would pass a hard limit. */
    public static final String LIMIT_EXCEEDED = FeatureLimitReachedException.LIMIT_EXCEEDED;
    /** {@link #reason()} when the plan does not include the feature, or a flag is off. */
    public static final String FEATURE_NOT_IN_PLAN = FeatureLimitReachedException.FEATURE_NOT_IN_PLAN;
}
