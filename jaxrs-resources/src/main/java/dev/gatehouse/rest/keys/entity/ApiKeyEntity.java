package dev.gatehouse.rest.keys.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code api_keys}: only the SHA-256 of the key is stored, never the key. */
@Entity
@Table(name = "api_keys")
public class ApiKeyEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "workspace_id")
    public Long workspaceId;

    @Column(name = "user_id")
    public Long userId;

    @Column(name = "key_type", nullable = false, length = 16)
    public String keyType;

    @Column(nullable = false, length = 255)
    public String name;

    @Column(name = "display_prefix", nullable = false, length = 16)
    public String displayPrefix;

    @Column(name = "key_hash", nullable = false, length = 64)
    public String keyHash;

    /** Space-separated scope names. */
    @Column(nullable = false, length = 4000)
    public String scopes;

    @Column(name = "rate_limit_tier", length = 32)
    public String rateLimitTier;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "created_by")
    public Long createdBy;

    @Column(name = "replaced_by")
    public Long replacedBy;
}
