package dev.gatehouse.webhooks;

import java.util.Locale;

/**
 * Where a delivery stands. {@link #PENDING} and {@link #RETRYING} are waiting to be sent;
 * {@link #SUCCESS} and {@link #FAILED} are final.
 */
public enum DeliveryStatus {
    /** Not attempted yet, or queued again by a manual retry. */
    PENDING,
    /** Delivered: the endpoint answered 2xx. */
    SUCCESS,
    /** At least one attempt failed and another is scheduled. */
    RETRYING,
    /** Given up: attempts exhausted, endpoint gone or disabled, or 410 Gone. */
    FAILED;

    /**
     * Returns the name used in JSON and query parameters.
     *
     * @return the lowercase name, for example {@code "retrying"}
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns whether no further attempt will be made without a manual retry.
     *
     * @return {@code true} for {@link #SUCCESS} and {@link #FAILED}
     */
    public boolean isFinal() {
        return this == SUCCESS || this == FAILED;
    }

    /**
     * Reads a wire name.
     *
     * @param wireName a lowercase name such as {@code "pending"}
     * @return the status
     * @throws IllegalArgumentException when the name is unknown
     */
    public static DeliveryStatus fromWireName(String wireName) {
        for (DeliveryStatus status : values()) {
            if (status.wireName().equals(wireName)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown delivery status: " + wireName);
    }
}
