package dev.gatehouse.rest.webhooks.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code webhook_attempts}: one HTTP request made for a delivery. */
@Entity
@Table(name = "webhook_attempts")
public class AttemptEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "delivery_id", nullable = false)
    public Long deliveryId;

    @Column(name = "attempt_number", nullable = false)
    public int number;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "response_code")
    public Integer responseCode;

    @Column(name = "response_body", length = 4096)
    public String responseBody;

    @Column(length = 1000)
    public String error;

    @Column(name = "duration_ms", nullable = false)
    public long durationMillis;
}
