package dev.gatehouse.keys;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored API key: everything Gatehouse keeps about a key, which is never the key itself.
 *
 * @param id the store's id; 0 before {@link ApiKeyStore#insert(ApiKey)}
 * @param workspaceId the workspace the key acts in; null only for {@link KeyType#ROOT} keys
 * @param userId the end user the key belongs to, or null
 * @param type the kind of key
 * @param name a label for humans
 * @param displayPrefix the first 12 characters of the key (at most), safe to show and log
 * @param keyHash the lowercase hex SHA-256 of the key's UTF-8 bytes
 * @param scopes the scopes the key holds
 * @param rateLimitTier the rate-limit tier, or null for the workspace's own
 * @param expiresAt when the key stops working, or null for never
 * @param revokedAt when the key was revoked, or null
 * @param lastUsedAt when the key was last seen (best effort, may lag), or null
 * @param createdAt when the key was issued
 * @param createdBy the id of the key that issued this one, or null
 * @param replacedBy the id of the key that replaced this one by rotation, or null
 */
public record ApiKey(
    long id,
    Long workspaceId,
    Long userId,
    KeyType type,
    String name,
    String displayPrefix,
    String keyHash,
    ScopeSet scopes,
    String rateLimitTier,
    Instant expiresAt,
    Instant revokedAt,
    Instant lastUsedAt,
    Instant createdAt,
    Long createdBy,
    Long replacedBy) {

    /** Whether a key may be used at a given instant. */
    public enum Status {
        /** Neither revoked nor expired. */
        ACTIVE,
        /** Revoked; revocation wins over expiry. */
        REVOKED,
        /** Past its {@code expiresAt}. */
        EXPIRED
    }

    /**
     * Creates a key record, checking that the required components are present, the id is not
     * negative and only a root key lacks a workspace.
     *
     * @param id the store's id; 0 before {@link ApiKeyStore#insert(ApiKey)}
     * @param workspaceId the workspace the key acts in; null only for {@link KeyType#ROOT} keys
     * @param userId the end user the key belongs to, or null
     * @param type the kind of key
     * @param name a label for humans
     * @param displayPrefix the first 12 characters of the key (at most), safe to show and log
     * @param keyHash the lowercase hex SHA-256 of the key's UTF-8 bytes
     * @param scopes the scopes the key holds
     * @param rateLimitTier the rate-limit tier, or null for the workspace's own
     * @param expiresAt when the key stops working, or null for never
     * @param revokedAt when the key was revoked, or null
     * @param lastUsedAt when the key was last seen (best effort, may lag), or null
     * @param createdAt when the key was issued
     * @param createdBy the id of the key that issued this one, or null
     * @param replacedBy the id of the key that replaced this one by rotation, or null
     * @throws NullPointerException if type, name, displayPrefix, keyHash, scopes or createdAt is null
     * @throws IllegalArgumentException if the id is negative or a non-root key has no workspace
     */
    public ApiKey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(displayPrefix, "displayPrefix");
        Objects.requireNonNull(keyHash, "keyHash");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(createdAt, "createdAt");
        if (id < 0) {
            throw new IllegalArgumentException("id must not be negative but was " + id);
        }
        if (workspaceId == null && type != KeyType.ROOT) {
            throw new IllegalArgumentException(type + " key " + id + " needs a workspaceId");
        }
    }

    /**
     * Returns whether the key has been revoked.
     *
     * @return true if {@code revokedAt} is set
     */
    public boolean isRevoked() {
        return revokedAt != null;
    }

    /**
     * Returns whether the key has expired at the given instant; a key expires at its
     * {@code expiresAt}, inclusive.
     *
     * @param now the instant to judge at
     * @return true if {@code expiresAt} is set and not after {@code now}
     */
    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /**
     * Returns the key's status at the given instant.
     *
     * @param now the instant to judge at
     * @return {@code REVOKED} if revoked, else {@code EXPIRED} if expired, else {@code ACTIVE}
     */
    public Status statusAt(Instant now) {
        if (isRevoked()) {
            return Status.REVOKED;
        }
        return isExpiredAt(now) ? Status.EXPIRED : Status.ACTIVE;
    }

    ApiKey withId(long newId) {
        return new ApiKey(newId, workspaceId, userId, type, name, displayPrefix, keyHash, scopes,
            rateLimitTier, expiresAt, revokedAt, lastUsedAt, createdAt, createdBy, replacedBy);
    }

    ApiKey withName(String newName) {
        return new ApiKey(id, workspaceId, userId, type, newName, displayPrefix, keyHash, scopes,
            rateLimitTier, expiresAt, revokedAt, lastUsedAt, createdAt, createdBy, replacedBy);
    }

    ApiKey withScopes(ScopeSet newScopes) {
        return new ApiKey(id, workspaceId, userId, type, name, displayPrefix, keyHash, newScopes,
            rateLimitTier, expiresAt, revokedAt, lastUsedAt, createdAt, createdBy, replacedBy);
    }

    ApiKey withExpiresAt(Instant newExpiresAt) {
        return new ApiKey(id, workspaceId, userId, type, name, displayPrefix, keyHash, scopes,
            rateLimitTier, newExpiresAt, revokedAt, lastUsedAt, createdAt, createdBy, replacedBy);
    }

    ApiKey withRevokedAt(Instant newRevokedAt) {
        return new ApiKey(id, workspaceId, userId, type, name, displayPrefix, keyHash, scopes,
            rateLimitTier, expiresAt, newRevokedAt, lastUsedAt, createdAt, createdBy, replacedBy);
    }

    ApiKey withLastUsedAt(Instant newLastUsedAt) {
        return new ApiKey(id, workspaceId, userId, type, name, displayPrefix, keyHash, scopes,
            rateLimitTier, expiresAt, revokedAt, newLastUsedAt, createdAt, createdBy, replacedBy);
    }

    ApiKey replacedBy(long newKeyId, Instant newExpiresAt) {
        return new ApiKey(id, workspaceId, userId, type, name, displayPrefix, keyHash, scopes,
            rateLimitTier, newExpiresAt, revokedAt, lastUsedAt, createdAt, createdBy, newKeyId);
    }
}
