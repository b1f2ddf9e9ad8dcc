package dev.gatehouse.webhooks;

import java.util.Objects;

/**
 * What a worker recorded for one claimed delivery: its state after the send (or after failing
 * without one) and the attempt that was made, which {@link WebhookStore#recordOutcomes} writes
 * together.
 *
 * @param delivery the delivery's new state, lease cleared
 * @param attempt  the attempt to insert, id 0 before recording; {@code null} when nothing was sent
 *                 (the endpoint was deleted or disabled)
 */
public record DeliveryOutcome(Delivery delivery, Attempt attempt) {

    /**
     * Creates an outcome.
     *
     * @param delivery the delivery's new state, lease cleared
     * @param attempt  the attempt to insert, or {@code null} when nothing was sent
     * @throws NullPointerException     when {@code delivery} is {@code null}
     * @throws IllegalArgumentException when the attempt belongs to another delivery
     */
    public DeliveryOutcome {
        Objects.requireNonNull(delivery, "delivery");
        if (attempt != null && attempt.deliveryId() != delivery.id()) {
            throw new IllegalArgumentException("attempt of delivery " + attempt.deliveryId()
                    + " recorded for delivery " + delivery.id());
        }
    }
}
