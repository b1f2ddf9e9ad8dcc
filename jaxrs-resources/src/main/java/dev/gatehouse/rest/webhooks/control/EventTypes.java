package dev.gatehouse.rest.webhooks.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The event types endpoints can subscribe to: Gatehouse's own and those the deploying application
 * declares in {@code gatehouse.webhooks.event-types}. Informational — publishing a type that is not
 * listed is allowed, as an application may add types before it declares them.
 */
@ApplicationScoped
public class EventTypes {

    public static final String ENDPOINT_DISABLED = "webhook.endpoint.disabled";
    public static final String WORKSPACE_DELETED = "workspace.deleted";

    /** Gatehouse's own types. */
    static final Map<String, String> GATEHOUSE;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("api_key.created", "An API key was created in the workspace.");
        m.put("api_key.rotated", "An API key was rotated; the old key works until its grace period ends.");
        m.put("api_key.revoked", "An API key was revoked.");
        m.put("workspace.created", "A workspace was created. Published into the new workspace, which has no"
                + " endpoints yet, so it reaches only app code observing Gatehouse's CDI events.");
        m.put("workspace.updated", "The workspace's name, slug, tier or settings changed.");
        m.put(WORKSPACE_DELETED, "A workspace was deleted. Not delivered by webhook: the workspace's endpoints are"
                + " deleted with it; app code can observe Gatehouse's CDI event.");
        m.put("user.verification_requested", "An end user asked for an e-mail verification code.");
        m.put(ENDPOINT_DISABLED, "A webhook endpoint was disabled automatically (410 Gone, or failing for too long).");
        m.put("seo.score_dropped", "An SEO report's category score fell below the workspace's minimum, or by at least"
                + " its drop threshold since the page's previous report.");
        m.put("seo.issue_opened", "An SEO report found a new error-severity issue, or one that was resolved again.");
        GATEHOUSE = Collections.unmodifiableMap(m);
    }

    @Inject
    WebhookSettings settings;

    /** Every known type with its description and who defines it ({@code gatehouse} or {@code app}), by type. */
    public Map<String, String[]> all() {
        Map<String, String[]> out = new java.util.TreeMap<>();
        GATEHOUSE.forEach((type, description) -> out.put(type, new String[] {description, "gatehouse"}));
        settings.appEventTypes().forEach((type, description) -> out.putIfAbsent(type, new String[] {description, "app"}));
        return out;
    }
}
