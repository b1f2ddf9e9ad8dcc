package dev.gatehouse.rest;

import dev.gatehouse.rest.analytics.boundary.PixelCors;
import dev.gatehouse.rest.analytics.boundary.PixelResource;
import dev.gatehouse.rest.analytics.boundary.SitesResource;
import dev.gatehouse.rest.analytics.boundary.StatsResource;
import dev.gatehouse.rest.entitlements.boundary.EntitledFilter;
import dev.gatehouse.rest.entitlements.boundary.EntitlementsResource;
import dev.gatehouse.rest.entitlements.boundary.PlansResource;
import dev.gatehouse.rest.entitlements.boundary.RateLimitFilter;
import dev.gatehouse.rest.contract.boundary.OpenApiResource;
import dev.gatehouse.rest.idempotency.boundary.Idempotency;
import dev.gatehouse.rest.keys.boundary.ApiKeysResource;
import dev.gatehouse.rest.keys.boundary.AuditEventsResource;
import dev.gatehouse.rest.keys.boundary.IdentityResource;
import dev.gatehouse.rest.keys.boundary.UsersResource;
import dev.gatehouse.rest.mcp.boundary.McpResource;
import dev.gatehouse.rest.platform.boundary.Authentication;
import dev.gatehouse.rest.platform.boundary.Cors;
import dev.gatehouse.rest.platform.boundary.ErrorMappers;
import dev.gatehouse.rest.platform.boundary.JsonBodyReader;
import dev.gatehouse.rest.platform.boundary.PingResource;
import dev.gatehouse.rest.platform.boundary.RequestIds;
import dev.gatehouse.rest.portal.boundary.PortalSessionsResource;
import dev.gatehouse.rest.seo.boundary.SeoResource;
import dev.gatehouse.rest.webhooks.boundary.EventTypesResource;
import dev.gatehouse.rest.webhooks.boundary.EventsResource;
import dev.gatehouse.rest.webhooks.boundary.WebhooksResource;
import dev.gatehouse.rest.workspaces.boundary.WorkspacesResource;
import java.util.Set;

/**
 * Everything Gatehouse registers with JAX-RS. An application that embeds Gatehouse returns these
 * from its own {@code Application#getClasses()} under the path it chooses.
 */
public final class Gatehouse {

    private Gatehouse() {
    }

    public static Set<Class<?>> restClasses() {
        return Set.of(
                RequestIds.class,
                Authentication.class,
                Idempotency.class,
                Cors.class,
                OpenApiResource.class,
                PingResource.class,
                JsonBodyReader.class,
                ErrorMappers.ApiExceptions.class,
                ErrorMappers.WebApplicationExceptions.class,
                ErrorMappers.Unexpected.class,
                WebhooksResource.class,
                EventsResource.class,
                EventTypesResource.class,
                WorkspacesResource.class,
                ApiKeysResource.class,
                IdentityResource.class,
                UsersResource.class,
                AuditEventsResource.class,
                RateLimitFilter.class,
                EntitledFilter.class,
                PlansResource.class,
                EntitlementsResource.class,
                SeoResource.class,
                PortalSessionsResource.class,
                McpResource.class,
                PixelCors.class,
                SitesResource.class,
                StatsResource.class,
                PixelResource.class);
    }
}
