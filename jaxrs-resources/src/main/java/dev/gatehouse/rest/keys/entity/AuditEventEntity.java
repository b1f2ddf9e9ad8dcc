package dev.gatehouse.rest.keys.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code audit_events}. Details are JSON text without any secret. */
@Entity
@Table(name = "audit_events")
public class AuditEventEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 64)
    public String type;

    @Column(name = "workspace_id")
    public Long workspaceId;

    @Column(name = "actor_key_id")
    public Long actorKeyId;

    @Column(name = "subject_key_id")
    public Long subjectKeyId;

    @Column(name = "user_id")
    public Long userId;

    @Column(name = "request_id", length = 128)
    public String requestId;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(length = 4000)
    public String details;
}
