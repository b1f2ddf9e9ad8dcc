package dev.gatehouse.keys;

import dev.gatehouse.errors.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;

/**
 * What to issue. Field rules are checked by {@link ApiKeys#issue(KeyRequest, ApiKey, Actor)}, which
 * reports them all at once as a {@link ValidationException}.
 *
 * @param workspaceId the workspace the key acts in; required
 * @param userId the end user the key belongs to, or null
 * @param type {@link KeyType#WORKSPACE} or {@link KeyType#USER}; root keys come from
 *     {@link ApiKeys#issueRoot(String, Actor)}
 * @param name a label, required, at most 255 characters
 * @param scopes the scopes, or null for {@code ["read", "write"]}
 * @param rateLimitTier null or one of the plan tiers the facade was built with
 * @param expiresAt null for never, otherwise in the future
 */
public record KeyRequest(
    Long workspaceId,
    Long userId,
    KeyType type,
    String name,
    Collection<String> scopes,
    String rateLimitTier,
    Instant expiresAt) {

    /**
     * Creates a request, copying the scopes (nulls inside are kept for validation to report).
     *
     * @param workspaceId the workspace the key acts in; required
     * @param userId the end user the key belongs to, or null
     * @param type {@link KeyType#WORKSPACE} or {@link KeyType#USER}; root keys come from
     *     {@link ApiKeys#issueRoot(String, Actor)}
     * @param name a label, required, at most 255 characters
     * @param scopes the scopes, or null for {@code ["read", "write"]}
     * @param rateLimitTier null or one of the plan tiers the facade was built with
     * @param expiresAt null for never, otherwise in the future
     * @throws NullPointerException if type is null
     */
    public KeyRequest {
        Objects.requireNonNull(type, "type");
        scopes = scopes == null ? null : Collections.unmodifiableList(new ArrayList<>(scopes));
    }
}
