package dev.gatehouse.rest.webhooks.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code webhook_deliveries}, the outbox: one event on its way to one endpoint. */
@Entity
@Table(name = "webhook_deliveries")
public class DeliveryEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "endpoint_id", nullable = false)
    public Long endpointId;

    @Column(name = "workspace_id", nullable = false)
    public Long workspaceId;

    @Column(name = "event_id", nullable = false, length = 64)
    public String eventId;

    @Column(name = "event_type", nullable = false, length = 255)
    public String eventType;

    @Column(nullable = false, length = 1048576)
    public String payload;

    /** The wire name: pending, success, retrying, failed. */
    @Column(nullable = false, length = 16)
    public String status;

    @Column(nullable = false)
    public int attempt;

    @Column(name = "response_code")
    public Integer responseCode;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "manual_retries", nullable = false)
    public int manualRetries;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
