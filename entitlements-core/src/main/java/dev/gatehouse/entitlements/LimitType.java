package dev.gatehouse.entitlements;

/**
 * How a {@link FeatureLimit} is enforced.
 */
public enum LimitType {
    /** Usage that would pass the limit is refused and nothing is recorded. */
    HARD,
    /** Usage past the limit is allowed and recorded; the numbers show the overage so the host can warn or bill. */
    SOFT,
    /** There is no limit; the limit value is ignored. */
    UNLIMITED
}
