package dev.gatehouse.webhooks;

/**
 * The outcome of a test send.
 *
 * @param success            whether the endpoint answered 2xx
 * @param statusCode         the HTTP status, or {@code null} when no response arrived
 * @param responseTimeMillis how long the request took
 * @param responseBody       the start of the response body, at most 4 KiB, or {@code null}
 * @param error              why no usable response arrived, or {@code null}
 */
public record TestResult(
        boolean success,
        Integer statusCode,
        long responseTimeMillis,
        String responseBody,
        String error) {
}
