package dev.gatehouse.keys;

import java.time.Instant;
import java.util.Objects;

/**
 * An end user of a workspace, bootstrapped by a developer key.
 *
 * @param id the store's id; 0 before {@link UserStore#insert(User)}
 * @param workspaceId the workspace the user belongs to
 * @param externalId the developer's own id for the user, unique within the workspace
 * @param email the user's email address
 * @param verified whether the user has entered their verification code
 * @param verifiedAt when they did, or null
 * @param createdByKeyId the developer key that bootstrapped the user
 * @param createdAt when the user was created
 * @param updatedAt when the user last changed
 */
public record User(
    long id,
    long workspaceId,
    String externalId,
    String email,
    boolean verified,
    Instant verifiedAt,
    long createdByKeyId,
    Instant createdAt,
    Instant updatedAt) {

    /**
     * Creates a user record, checking the required components.
     *
     * @param id the store's id; 0 before {@link UserStore#insert(User)}
     * @param workspaceId the workspace the user belongs to
     * @param externalId the developer's own id for the user, unique within the workspace
     * @param email the user's email address
     * @param verified whether the user has entered their verification code
     * @param verifiedAt when they did, or null
     * @param createdByKeyId the developer key that bootstrapped the user
     * @param createdAt when the user was created
     * @param updatedAt when the user last changed
     * @throws NullPointerException if externalId, email, createdAt or updatedAt is null
     * @throws IllegalArgumentException if the id is negative
     */
    public User {
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (id < 0) {
            throw new IllegalArgumentException("id must not be negative but was " + id);
        }
    }

    User withId(long newId) {
        return new User(newId, workspaceId, externalId, email, verified, verifiedAt, createdByKeyId, createdAt, updatedAt);
    }

    User verifiedAt(Instant at) {
        return new User(id, workspaceId, externalId, email, true, at, createdByKeyId, createdAt, at);
    }
}
