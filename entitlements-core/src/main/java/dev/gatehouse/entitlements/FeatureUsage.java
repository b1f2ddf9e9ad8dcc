package dev.gatehouse.entitlements;

import java.time.Instant;

/**
 * One feature's line in a {@link Summary}.
 *
 * @param used       the usage in the current period (0 for flags)
 * @param limit      the limit in force; null when unlimited and for flags
 * @param available  {@code max(0, limit - used)}; null when unlimited and for flags
 * @param percentage {@code used / limit × 100} rounded to two decimals (above 100 past a soft
 *                   limit; 0 when unlimited and for flags; 100 for a used limit of 0)
 * @param resetAt    when a metered feature's usage starts again from zero; else null
 * @param unit       the unit of a quantity feature; else null
 * @param enabled    for flags whether it is on; true for every other feature in the plan
 * @param type       how the limit is enforced
 */
public record FeatureUsage(long used, Long limit, Long available, double percentage, Instant resetAt, String unit,
                           boolean enabled, LimitType type) {
}
