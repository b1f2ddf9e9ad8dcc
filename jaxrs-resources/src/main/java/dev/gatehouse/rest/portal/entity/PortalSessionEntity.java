package dev.gatehouse.rest.portal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A row of {@code portal_sessions}: a magic link until it is exchanged, a session afterwards. Only
 * the SHA-256 of the link token and of the session token are kept, never the tokens.
 */
@Entity
@Table(name = "portal_sessions")
public class PortalSessionEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "workspace_id", nullable = false)
    public Long workspaceId;

    @Column(name = "end_user", length = 255)
    public String endUser;

    /** Space-separated scope names. */
    @Column(nullable = false, length = 4000)
    public String scopes;

    /** The per-session white-label overrides as a JSON object, or null. */
    @Column(length = 2000)
    public String branding;

    @Column(name = "link_hash", nullable = false, length = 64)
    public String linkHash;

    @Column(name = "link_expires_at", nullable = false)
    public Instant linkExpiresAt;

    @Column(name = "lifetime_seconds", nullable = false)
    public Long lifetimeSeconds;

    @Column(name = "token_hash", length = 64)
    public String tokenHash;

    @Column(name = "exchanged_at")
    public Instant exchangedAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "created_by_key_id", nullable = false)
    public Long createdByKeyId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
