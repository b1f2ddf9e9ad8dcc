package dev.gatehouse.webhooks;

import java.util.Objects;

/**
 * What {@link Webhooks#runOne(Delivery)} did with one claimed delivery.
 *
 * @param outcome  what happened
 * @param delivery the delivery's state afterwards (as claimed when {@link Outcome#SKIPPED})
 * @param attempt  the recorded attempt, or {@code null} when nothing was sent (or the delivery was
 *                 deleted with its endpoint while being sent)
 */
record DeliveryRun(Outcome outcome, Delivery delivery, Attempt attempt) {

    /**
     * Creates the result.
     *
     * @param outcome  what happened
     * @param delivery the delivery's state afterwards (as claimed when {@link Outcome#SKIPPED})
     * @param attempt  the recorded attempt, or {@code null} when nothing was sent (or the delivery was
     *                 deleted with its endpoint while being sent)
     * @throws NullPointerException when {@code outcome} or {@code delivery} is {@code null}
     */
    public DeliveryRun {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(delivery, "delivery");
    }

    /** What happened to a claimed delivery. */
    public enum Outcome {
        /** Sent and answered 2xx; the delivery is {@link DeliveryStatus#SUCCESS}. */
        DELIVERED,
        /** Sent and failed; another attempt is scheduled. */
        RETRY_SCHEDULED,
        /** Given up: sent and failed for the last time, or not sent because the endpoint is gone. */
        FAILED,
        /** Not touched because the lease had already run out; another worker may hold it. */
        SKIPPED
    }
}
