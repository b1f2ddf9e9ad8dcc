package dev.gatehouse.keys;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something security-relevant that happened. Types: {@code api_key.created},
 * {@code api_key.rotated}, {@code api_key.revoked}, {@code api_key.updated},
 * {@code api_key.scopes_upgraded}, {@code auth.failures_burst}, {@code user.created},
 * {@code user.verified}, {@code user.verification_resent}. Details never contain a raw key or
 * verification code.
 *
 * @param type the event type
 * @param workspaceId the workspace it happened in, or null
 * @param actorKeyId the key that acted, or null for the system
 * @param subjectKeyId the key acted on, or null
 * @param userId the end user concerned, or null
 * @param requestId the request it happened in, or null
 * @param at when it happened
 * @param details further facts, such as {@code display_prefix} or {@code scopes}
 */
public record AuditEvent(
    String type,
    Long workspaceId,
    Long actorKeyId,
    Long subjectKeyId,
    Long userId,
    String requestId,
    Instant at,
    Map<String, String> details) {

    /**
     * Creates an event, copying the details.
     *
     * @param type the event type
     * @param workspaceId the workspace it happened in, or null
     * @param actorKeyId the key that acted, or null for the system
     * @param subjectKeyId the key acted on, or null
     * @param userId the end user concerned, or null
     * @param requestId the request it happened in, or null
     * @param at when it happened
     * @param details further facts, such as {@code display_prefix} or {@code scopes}
     * @throws NullPointerException if type, at or details (or one of their keys or values) is null
     */
    public AuditEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        details = Map.copyOf(details);
    }

    /** Builds a details map from name/value pairs, leaving out null values. */
    static Map<String, String> details(String... pairs) {
        Map<String, String> details = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                details.put(pairs[i], pairs[i + 1]);
            }
        }
        return details;
    }
}
