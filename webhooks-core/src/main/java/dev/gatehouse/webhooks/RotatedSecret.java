package dev.gatehouse.webhooks;

import java.util.Objects;

/**
 * An endpoint after a secret rotation and its new signing secret, which is shown this once.
 *
 * @param endpoint the stored endpoint; the old secret stays in {@link Endpoint#previousSecret()}
 *                 until {@link Endpoint#previousSecretExpiresAt()}
 * @param secret   the new signing secret as {@code whsec_…}
 */
public record RotatedSecret(Endpoint endpoint, String secret) {

    /**
     * Creates the result.
     *
     * @param endpoint the stored endpoint; the old secret stays in {@link Endpoint#previousSecret()}
     *                 until {@link Endpoint#previousSecretExpiresAt()}
     * @param secret   the new signing secret as {@code whsec_…}
     * @throws NullPointerException when a component is {@code null}
     */
    public RotatedSecret {
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
        return "RotatedSecret[endpoint=" + endpoint + ", secret=<redacted>]";
    }
}
