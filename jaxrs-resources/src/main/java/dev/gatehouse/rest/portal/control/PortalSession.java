package dev.gatehouse.rest.portal.control;

import java.time.Instant;
import java.util.List;

/**
 * A portal session as the API sees it.
 *
 * @param id the session's id
 * @param workspaceId the one workspace it acts in
 * @param endUser the deploying app's reference to the person using it, or null
 * @param scopes what it may do (never more than the key that minted it held)
 * @param branding the white label in effect (the deployment's, with the session's overrides)
 * @param expiresAt when it ends; null while it is still an unused link
 * @param createdByKeyId the key that minted it; the session ends when that key is revoked
 */
public record PortalSession(long id, long workspaceId, String endUser, List<String> scopes, Branding branding,
        Instant expiresAt, long createdByKeyId) {

    public PortalSession {
        scopes = List.copyOf(scopes);
    }
}
