package dev.gatehouse.rest.entitlements.boundary;

import dev.gatehouse.entitlements.PlanCatalog;
import dev.gatehouse.rest.platform.boundary.Bodies;
import dev.gatehouse.rest.platform.boundary.RequiresScopes;
import dev.gatehouse.rest.platform.boundary.Wire;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The plan catalog: every tier's rate limit and feature limits, lowest tier first. */
@Path("plans")
@Wire.Records(EntitlementViews.Plan.class)
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PlansResource {

    @Inject
    PlanCatalog catalog;

    @GET
    @RequiresScopes("entitlements:read")
    public JsonObject list() {
        return Bodies.data(EntitlementViews.Plan.all(catalog));
    }
}
