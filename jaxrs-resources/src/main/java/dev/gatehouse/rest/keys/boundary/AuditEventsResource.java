package dev.gatehouse.rest.keys.boundary;

import dev.gatehouse.rest.keys.control.JpaAuditSink;
import dev.gatehouse.rest.keys.entity.AuditEventEntity;
import dev.gatehouse.rest.platform.boundary.Caller;
import dev.gatehouse.rest.platform.boundary.CurrentRequest;
import dev.gatehouse.rest.platform.boundary.Json;
import dev.gatehouse.rest.platform.boundary.ListQuery;
import dev.gatehouse.rest.platform.boundary.RequiresScopes;
import dev.gatehouse.rest.platform.boundary.Tenancy;
import dev.gatehouse.rest.platform.boundary.Wire;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/**
 * The audit log of key events: who (acting key), what (type), to which key or user, when, and the
 * request id. A workspace key reads its workspace's log; a root key reads a named workspace's, or
 * everything (including root-level events) when it names none.
 */
@Path("audit-events")
@Wire.Records(KeyViews.AuditEvent.class)
@RequestScoped
@Transactional
@Produces(MediaType.APPLICATION_JSON)
public class AuditEventsResource {

    @Inject
    JpaAuditSink store;

    @Inject
    Tenancy tenancy;

    @Inject
    CurrentRequest current;

    @Context
    UriInfo uri;

    @GET
    @RequiresScopes("audit:read")
    public JsonObject list() {
        ListQuery query = ListQuery.parse(uri, JpaAuditSink.listSpec(KeyViews.AuditEvent.FIELDS));
        Caller caller = tenancy.caller();
        var page = store.list(query, caller.isRoot() && current.workspaceHeader() == null ? null : tenancy.workspaceId());
        return Json.object(page.render(KeyViews.AuditEvent::from, uri));
    }
}
