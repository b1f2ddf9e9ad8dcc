package dev.gatehouse.webhooks;

import java.util.Objects;

/**
 * A newly created endpoint and its signing secret, which is shown to the owner this once.
 *
 * @param endpoint the stored endpoint
 * @param secret   the signing secret as {@code whsec_…}
 */
public record CreatedEndpoint(Endpoint endpoint, String secret) {

    /**
     * Creates the result.
     *
     * @param endpoint the stored endpoint
     * @param secret   the signing secret as {@code whsec_…}
     * @throws NullPointerException when a component is {@code null}
     */
    public CreatedEndpoint {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(secret, "secret");
    }

    /**
     * Describes the result without the secret.
     *
     * @return a description safe for logs
     */
    @Override
    public String toString() {
        return "CreatedEndpoint[endpoint=" + endpoint + ", secret=<redacted>]";
    }
}
