package dev.gatehouse.rest.workspaces.boundary;

import dev.gatehouse.entitlements.PlanCatalog;
import dev.gatehouse.entitlements.Tier;
import dev.gatehouse.keys.ApiKeys;
import dev.gatehouse.keys.Workspace;
import dev.gatehouse.keys.WorkspacePatch;
import dev.gatehouse.keys.WorkspaceSettings;
import dev.gatehouse.keys.Workspaces;
import dev.gatehouse.rest.platform.boundary.ApiException;
import dev.gatehouse.rest.platform.boundary.Bodies;
import dev.gatehouse.rest.platform.boundary.Caller;
import dev.gatehouse.rest.platform.boundary.Json;
import dev.gatehouse.rest.platform.boundary.JsonBody;
import dev.gatehouse.rest.platform.boundary.ListQuery;
import dev.gatehouse.rest.platform.boundary.RequiresScopes;
import dev.gatehouse.rest.platform.boundary.Wire;
import dev.gatehouse.rest.platform.boundary.RootOnly;
import dev.gatehouse.rest.platform.boundary.Tenancy;
import dev.gatehouse.rest.platform.control.AfterCommit;
import dev.gatehouse.rest.platform.control.DomainEvent;
import dev.gatehouse.rest.workspaces.control.JpaWorkspaceStore;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;

/**
 * Seed 001 "Workspaces". Root keys see and manage every workspace; a workspace's own keys see only
 * it. Only root keys create workspaces or change a workspace's tier — a workspace key upgrading its
 * own plan would be a billing hole.
 */
@Path("workspaces")
@Wire.Records(WorkspaceViews.View.class)
@RequestScoped
@Transactional
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WorkspacesResource {

    @Inject
    JpaWorkspaceStore store;

    @Inject
    Workspaces workspaces;

    @Inject
    PlanCatalog catalog;

    @Inject
    ApiKeys keys;

    @Inject
    Tenancy tenancy;

    @Inject
    AfterCommit afterCommit;

    @Inject
    Event<DomainEvent> events;

    @Context
    UriInfo uri;

    @GET
    @RequiresScopes("workspaces:read")
    public JsonObject list() {
        ListQuery query = ListQuery.parse(uri, JpaWorkspaceStore.listSpec(catalog.tiers().stream().map(Tier::name).toList(),
                WorkspaceViews.View.FIELDS));
        Caller caller = tenancy.caller();
        return Json.object(store.list(query, caller.isRoot() ? null : caller.workspaceId())
                .render(WorkspaceViews.View::from, uri));
    }

    @GET
    @Path("{id}")
    @RequiresScopes("workspaces:read")
    public JsonObject get(@PathParam("id") long id) {
        return Bodies.data(ListQuery.select(uri, WorkspaceViews.View.from(reachable(id))));
    }

    @POST
    @RequiresScopes("workspaces:write")
    @RootOnly("create workspaces")
    public Response create(JsonBody body) {
        body.allowOnly("name", "slug", "tier", "settings");
        String name = body.string("name").orElse(null);
        String slug = body.string("slug").orElse(null);
        String tier = body.string("tier").orElse(null);
        WorkspaceSettings settings = body.object("settings").map(s -> {
            s.allowOnly("timezone", "locale");
            return new WorkspaceSettings(s.string("timezone").orElse(null), s.string("locale").orElse(null));
        }).orElse(null);
        body.validate();
        Workspace created = workspaces.create(name, slug, tier, settings);
        events.fire(new DomainEvent(created.id(), "workspace.created", event(created)));
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(created.id())).build())
                .entity(Bodies.message("Workspace created successfully.", WorkspaceViews.View.from(created)))
                .build();
    }

    @PATCH
    @Path("{id}")
    @RequiresScopes("workspaces:write")
    public JsonObject update(@PathParam("id") long id, JsonBody body) {
        Workspace current = reachable(id);
        body.allowOnly("name", "slug", "tier", "settings");
        for (String field : new String[] {"name", "slug", "tier", "settings"}) {
            if (body.isNull(field)) {
                body.error(field, "cannot be null.");
            }
        }
        if (body.has("tier") && !tenancy.caller().isRoot()) {
            throw new ApiException(403, "access_denied", "Only root keys can change a workspace's tier.").with("recoverable", false);
        }
        var settings = body.object("settings");
        settings.ifPresent(s -> s.allowOnly("timezone", "locale"));
        WorkspacePatch patch = new WorkspacePatch(body.string("name"), body.string("slug"), body.string("tier"),
                settings.flatMap(s -> s.string("timezone")), settings.flatMap(s -> s.string("locale")));
        body.validate();
        Workspace updated = workspaces.update(current.id(), patch);
        events.fire(new DomainEvent(updated.id(), "workspace.updated", event(updated)));
        return Bodies.message("Workspace updated successfully.", WorkspaceViews.View.from(updated));
    }

    @DELETE
    @Path("{id}")
    @RequiresScopes("workspaces:delete")
    public Response delete(@PathParam("id") long id) {
        Workspace current = reachable(id);
        // Fired before the delete, in its transaction; not delivered by webhook (the endpoints go with it).
        events.fire(new DomainEvent(current.id(), "workspace.deleted", event(current)));
        workspaces.delete(current.id());
        // Its keys are gone with it: drop every cached verification once the delete is committed.
        afterCommit.run(keys::invalidateAll);
        return Response.noContent().build();
    }

    private Workspace reachable(long id) {
        if (!tenancy.canReach(id)) {
            throw ApiException.notFound("Workspace not found.");
        }
        return workspaces.find(id).orElseThrow(() -> ApiException.notFound("Workspace not found."));
    }


    /** The workspace as subscribers hear about it: the same fields as the response. */
    private static Map<String, Object> event(Workspace w) {
        return Wire.map(WorkspaceViews.View.from(w));
    }
}
