package dev.gatehouse.it.app;

import dev.gatehouse.rest.entitlements.boundary.Entitled;
import dev.gatehouse.rest.entitlements.boundary.WorkspaceUsage;
import dev.gatehouse.rest.platform.boundary.RequiresScopes;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A deploying app's endpoints, metered both ways Gatehouse offers. */
@Path("posts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PostsResource {

    @Inject
    WorkspaceUsage usage;

    /** Metered by the annotation: checked before, recorded after a 2xx. */
    @POST
    @Entitled("posts")
    @RequiresScopes("posts:write")
    public Response create() {
        return Response.status(201).entity("{\"created\": true}").build();
    }

    /** Metered through the Java API, inside the method's transaction. */
    @POST
    @Path("drafts")
    @Transactional
    @RequiresScopes("posts:write")
    public Response createDraft() {
        usage.record("posts", 1);
        return Response.status(201).entity("{\"created\": true}").build();
    }
}
