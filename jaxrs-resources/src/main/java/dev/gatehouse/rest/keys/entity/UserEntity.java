package dev.gatehouse.rest.keys.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code users}: an end user bootstrapped by a developer key. */
@Entity
@Table(name = "users")
public class UserEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "workspace_id", nullable = false)
    public Long workspaceId;

    @Column(name = "external_id", nullable = false, length = 255)
    public String externalId;

    @Column(nullable = false, length = 254)
    public String email;

    @Column(nullable = false)
    public boolean verified;

    @Column(name = "verified_at")
    public Instant verifiedAt;

    @Column(name = "created_by_key_id", nullable = false)
    public Long createdByKeyId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
