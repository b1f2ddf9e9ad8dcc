package dev.gatehouse.entitlements;

/**
 * How a {@link Feature} is measured.
 */
public enum FeatureKind {
    /** A running count that never resets on its own, such as posts created or webhook endpoints. */
    COUNTED,
    /** A count that starts again from zero at every boundary of the feature's {@link ResetPeriod}, such as API calls per month. */
    METERED,
    /** An amount in a named unit, such as bytes of storage; it never resets on its own. */
    QUANTITY,
    /** An on/off capability, such as single sign-on; it has no usage and cannot be recorded. */
    FLAG
}
