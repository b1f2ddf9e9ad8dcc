package dev.gatehouse.entitlements;

/**
 * Recording usage was refused because a {@link LimitType#HARD} limit would be passed, or because
 * the feature is not part of the workspace's plan. Nothing was recorded. The host maps it to
 * {@code 403 feature_limit_reached} with {@link #feature()} and {@link #upgradeUrl()}.
 */
public final class FeatureLimitReachedException extends EntitlementException {

    /** {@link #reason()} when the usage would pass the limit. */
    public static final String LIMIT_EXCEEDED = "LIMIT_EXCEEDED";
    /** {@link #reason()} when the plan does not include the feature at all. */
    public static final String FEATURE_NOT_IN_PLAN = "FEATURE_NOT_IN_PLAN";

    /** @serial the feature key */
    private final String feature;
    /** @serial the limit in force */
    private final long limit;
    /** @serial the usage in the current period */
    private final long used;
    /** @serial where the customer can upgrade, or null */
    private final String upgradeUrl;
    /** @serial why the recording was refused */
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param feature    the feature key
     * @param limit      the limit in force (0 when the feature is not in the plan)
     * @param used       the usage in the current period, unchanged by the refused request
     * @param upgradeUrl where the customer can upgrade, or null when none is configured
     * @param reason     {@link #LIMIT_EXCEEDED} or {@link #FEATURE_NOT_IN_PLAN}
     * @param message    a human-readable explanation, e.g. "Post limit exceeded. Used: 10, Limit: 10"
     */
    public FeatureLimitReachedException(String feature, long limit, long used, String upgradeUrl, String reason,
                                        String message) {
        super(message);
        this.feature = feature;
        this.limit = limit;
        this.used = used;
        this.upgradeUrl = upgradeUrl;
        this.reason = reason;
    }

    /** @return the feature key */
    public String feature() {
        return feature;
    }

    /** @return the limit in force (0 when the feature is not in the plan) */
    public long limit() {
        return limit;
    }

    /** @return the usage in the current period */
    public long used() {
        return used;
    }

    /** @return where the customer can upgrade, or null */
    public String upgradeUrl() {
        return upgradeUrl;
    }

    /** @return {@link #LIMIT_EXCEEDED} or {@link #FEATURE_NOT_IN_PLAN} */
    public String reason() {
        return reason;
    }
}
