package dev.gatehouse.rest.webhooks.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code webhook_events}: a published event, unique per workspace and event id. */
@Entity
@Table(name = "webhook_events")
public class EventEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "workspace_id", nullable = false)
    public Long workspaceId;

    @Column(name = "event_id", nullable = false, length = 64)
    public String eventId;

    @Column(nullable = false, length = 255)
    public String type;

    @Column(nullable = false, length = 1048576)
    public String data;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;
}
