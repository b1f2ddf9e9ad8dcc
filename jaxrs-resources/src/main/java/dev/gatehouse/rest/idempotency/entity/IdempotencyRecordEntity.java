package dev.gatehouse.rest.idempotency.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A row of {@code idempotency_keys}. {@code responseBody} is the {@code SecretCipher} text of the
 * response body, never the body itself.
 */
@Entity
@Table(name = "idempotency_keys")
public class IdempotencyRecordEntity {

    public static final String IN_PROGRESS = "in_progress";
    public static final String COMPLETE = "complete";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "key_id", nullable = false)
    public long keyId;

    @Column(name = "idempotency_key", nullable = false, length = 255)
    public String idempotencyKey;

    @Column(nullable = false, length = 64)
    public String fingerprint;

    @Column(nullable = false, length = 16)
    public String state;

    @Column(name = "response_status")
    public Integer responseStatus;

    @Column(name = "response_content_type", length = 255)
    public String responseContentType;

    @Column(name = "response_location", length = 2048)
    public String responseLocation;

    @Column(name = "response_body", length = 1000000)
    public String responseBody;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    /** Until when an "in progress" row belongs to the request that claimed it; null on rows from before leases. */
    @Column(name = "lease_until")
    public Instant leaseUntil;
}
