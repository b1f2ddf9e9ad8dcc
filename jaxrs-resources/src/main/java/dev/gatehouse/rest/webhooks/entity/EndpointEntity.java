package dev.gatehouse.rest.webhooks.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A row of {@code webhook_endpoints}. Both secrets are ciphertext from {@code SecretCipher}. Updates
 * write only the columns that changed, so an edit through the API never writes back delivery
 * counters that workers are incrementing at the same time.
 */
@Entity
@DynamicUpdate
@Table(name = "webhook_endpoints")
public class EndpointEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "workspace_id", nullable = false)
    public Long workspaceId;

    @Column(nullable = false, length = 2048)
    public String url;

    /** Subscribed patterns separated by single spaces. */
    @Column(name = "event_types", nullable = false, length = 26000)
    public String eventTypes;

    @Column(nullable = false)
    public boolean active;

    @Column(nullable = false, length = 512)
    public String secret;

    @Column(name = "previous_secret", length = 512)
    public String previousSecret;

    @Column(name = "previous_secret_expires_at")
    public Instant previousSecretExpiresAt;

    @Column(name = "success_count", nullable = false)
    public long successCount;

    @Column(name = "failure_count", nullable = false)
    public long failureCount;

    @Column(name = "consecutive_failures", nullable = false)
    public int consecutiveFailures;

    @Column(name = "last_delivery_at")
    public Instant lastDeliveryAt;

    @Column(name = "failing_since")
    public Instant failingSince;

    @Column(name = "disabled_reason", length = 1000)
    public String disabledReason;

    @Column(length = 1000)
    public String description;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
