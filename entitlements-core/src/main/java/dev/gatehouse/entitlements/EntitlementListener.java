package dev.gatehouse.entitlements;

/**
 * Receives usage threshold notifications from {@link Entitlements#record}.
 *
 * <p>It is called synchronously, on the recording thread, after the usage has been stored and the
 * threshold marked, at most once per workspace, feature, period and threshold. An exception it
 * throws propagates to the caller of {@code record}; in a transactional host that rolls the
 * recording and the mark back together, so a host that publishes webhooks through an outbox in
 * the same transaction never loses a notification.
 */
@FunctionalInterface
public interface EntitlementListener {

    /**
     * Called when usage reaches 80 % or 100 % of the limit for the first time in a period.
     *
     * @param event what was crossed
     */
    void thresholdReached(ThresholdCrossed event);
}
