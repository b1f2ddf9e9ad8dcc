package dev.gatehouse.webhooks;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one request produced.
 *
 * @param statusCode     the HTTP status, or {@code null} when no response arrived
 * @param responseBody   the start of the response body, at most 4 KiB of UTF-8, or {@code null}
 * @param headers        the response headers; empty when no response arrived
 * @param error          short human text when no response arrived or the target was refused,
 *                       for example {@code "Connection refused"} or {@code "Timed out after 15 s"};
 *                       otherwise {@code null}
 * @param durationMillis how long the request took
 */
public record SendResult(
        Integer statusCode,
        String responseBody,
        Map<String, List<String>> headers,
        String error,
        long durationMillis) {

    /**
     * Creates a result, copying the header map.
     *
     * @param statusCode     the HTTP status, or {@code null} when no response arrived
     * @param responseBody   the start of the response body, at most 4 KiB of UTF-8, or {@code null}
     * @param headers        the response headers; empty when no response arrived
     * @param error          short human text when no response arrived or the target was refused,
     *                       for example {@code "Connection refused"} or {@code "Timed out after 15 s"};
     *                       otherwise {@code null}
     * @param durationMillis how long the request took
     * @throws NullPointerException when {@code headers} is {@code null}
     */
    public SendResult {
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
    }

    /**
     * Makes the result of a request that produced no response.
     *
     * @param error          why, as short human text
     * @param durationMillis how long it took to fail
     * @return the result
     */
    public static SendResult failed(String error, long durationMillis) {
        return new SendResult(null, null, Map.of(), Objects.requireNonNull(error, "error"), durationMillis);
    }

    /**
     * Tells whether the receiver accepted the delivery.
     *
     * @return {@code true} for a 2xx status
     */
    public boolean success() {
        return statusCode != null && statusCode >= 200 && statusCode <= 299;
    }

    /**
     * Returns the first value of a response header, ignoring the case of its name.
     *
     * @param name the header name
     * @return the first value, or empty
     */
    public Optional<String> firstHeader(String name) {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return Optional.ofNullable(entry.getValue().get(0));
            }
        }
        return Optional.empty();
    }
}
