package dev.gatehouse.rest.entitlements.boundary;

import dev.gatehouse.entitlements.FeatureLimitReachedException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Logger;

/**
 * Enforces {@link Entitled}: checks before the resource method, records after a 2xx. Bound by
 * name, so it runs only for annotated methods; the value on this class is only the binding, the
 * feature comes from the method (or its class).
 */
@Provider
@Entitled("")
@Priority(Priorities.USER)
public class EntitledFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger(EntitledFilter.class.getName());

    @Inject
    WorkspaceUsage usage;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Entitled entitled = entitled();
        if (entitled != null) {
            usage.require(entitled.value(), entitled.quantity());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Entitled entitled = entitled();
        if (entitled == null || response.getStatusInfo().getFamily() != Response.Status.Family.SUCCESSFUL) {
            return;
        }
        try {
            usage.record(entitled.value(), entitled.quantity());
        } catch (FeatureLimitReachedException lostRace) {
            // The check passed but a concurrent request took the last units before this one was
            // recorded; the work is done and answered, so the refusal is only logged.
            LOG.warning("Usage of " + entitled.value() + " not recorded after " + resource.getResourceMethod()
                    + ": " + lostRace.getMessage());
        }
    }

    private Entitled entitled() {
        if (resource.getResourceMethod() == null) {
            return null;
        }
        Entitled entitled = resource.getResourceMethod().getAnnotation(Entitled.class);
        return entitled != null ? entitled : resource.getResourceClass().getAnnotation(Entitled.class);
    }
}
