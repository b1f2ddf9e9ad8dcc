package dev.gatehouse.webhooks;

import java.time.Instant;
import java.util.Objects;

/**
 * One HTTP request made for a delivery, kept for the delivery log.
 *
 * @param id             store-assigned id; 0 before insertion
 * @param deliveryId     the delivery it belongs to
 * @param number         1 for the first attempt, counting on across manual retries
 * @param startedAt      when the request started
 * @param responseCode   the HTTP status, or {@code null} when no response arrived
 * @param responseBody   the start of the response body, at most 4 KiB, or {@code null}
 * @param error          why no usable response arrived, for example {@code "Connection refused"},
 *                       or {@code null}
 * @param durationMillis how long the request took
 */
public record Attempt(
        long id,
        long deliveryId,
        int number,
        Instant startedAt,
        Integer responseCode,
        String responseBody,
        String error,
        long durationMillis) {

    /**
     * Creates an attempt.
     *
     * @param id             store-assigned id; 0 before insertion
     * @param deliveryId     the delivery it belongs to
     * @param number         1 for the first attempt, counting on across manual retries
     * @param startedAt      when the request started
     * @param responseCode   the HTTP status, or {@code null} when no response arrived
     * @param responseBody   the start of the response body, at most 4 KiB, or {@code null}
     * @param error          why no usable response arrived, for example {@code "Connection refused"},
     *                       or {@code null}
     * @param durationMillis how long the request took
     * @throws NullPointerException when {@code startedAt} is {@code null}
     */
    public Attempt {
        Objects.requireNonNull(startedAt, "startedAt");
    }

    /**
     * Returns a copy with another id; stores use it on insertion.
     *
     * @param newId the id
     * @return the copy
     */
    public Attempt withId(long newId) {
        return new Attempt(newId, deliveryId, number, startedAt, responseCode, responseBody, error, durationMillis);
    }
}
