package dev.gatehouse.webhooks;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One signed POST to make.
 *
 * @param url     the target URL
 * @param headers request headers, names lowercase
 * @param body    the exact request body
 * @param timeout the longest the whole exchange may take
 */
public record SendRequest(String url, Map<String, String> headers, String body, Duration timeout) {

    /**
     * Creates a request, copying the header map.
     *
     * @param url     the target URL
     * @param headers request headers, names lowercase
     * @param body    the exact request body
     * @param timeout the longest the whole exchange may take
     * @throws NullPointerException     when a component is {@code null}
     * @throws IllegalArgumentException when the timeout is not positive
     */
    public SendRequest {
        Objects.requireNonNull(url, "url");
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
    }
}
