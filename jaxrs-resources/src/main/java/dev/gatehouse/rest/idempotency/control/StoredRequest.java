package dev.gatehouse.rest.idempotency.control;

import java.time.Instant;

/**
 * What is known about an earlier request with the same Idempotency-Key: its fingerprint, whether it
 * finished, and if so its response. {@code readable} is false when the stored body could not be
 * decrypted (the secrets key changed).
 */
public record StoredRequest(String fingerprint, boolean complete, Instant expiresAt, int status, String contentType,
                            String location, byte[] body, boolean readable, Instant leaseUntil) {

    /** True when the request that claimed the key is still running, as far as its lease tells. */
    public boolean leasedAt(Instant now) {
        return !complete && leaseUntil != null && leaseUntil.isAfter(now);
    }


    @Override
    public String toString() {
        // the body may hold a secret shown once
        return "StoredRequest[complete=" + complete + ", status=" + status + ", expiresAt=" + expiresAt
                + ", leaseUntil=" + leaseUntil + "]";
    }
}
