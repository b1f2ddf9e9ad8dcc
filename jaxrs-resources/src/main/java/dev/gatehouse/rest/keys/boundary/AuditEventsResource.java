package dev.gatehouse.rest.keys.boundary;

import dev.gatehouse.rest.keys.control.JpaAuditSink;
import dev.gatehouse.rest.keys.entity.AuditEventEntity;
import dev.gatehouse.rest.platform.boundary.Caller;
import dev.gatehouse.rest.platform.boundary.CurrentRequest;
import dev.gatehouse.rest.platform.boundary.Json;
import dev.gatehouse.rest.platform.boundary.ListQuery;
import dev.gatehouse.rest.platform.boundary.RequiresScopes;
import dev.gatehouse.rest.platform.boundary.Tenancy;
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
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The audit log of key events: who (acting key), what (type), to which key or user, when, and the
 * request id. A workspace key reads its workspace's log; a root key reads a named workspace's, or
 * everything (including root-level events) when it names none.
 */
@Path("audit-events")
@RequestScoped
@Transactional
@Produces(MediaType.APPLICATION_JSON)
public class AuditEventsResource {

    static final Set<String> FIELDS = Set.of("id", "type", "workspace_id", "actor_key_id", "subject_key_id", "user_id",
            "request_id", "created_at", "details");

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
        ListQuery query = ListQuery.parse(uri, JpaAuditSink.listSpec(FIELDS));
        Caller caller = tenancy.caller();
        var page = store.list(query, caller.isRoot() && current.workspaceHeader() == null ? null : tenancy.workspaceId());
        return Json.object(page.render(AuditEventsResource::view, uri));
    }

    static Map<String, Object> view(AuditEventEntity e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id);
        m.put("type", e.type);
        m.put("workspace_id", e.workspaceId);
        m.put("actor_key_id", e.actorKeyId);
        m.put("subject_key_id", e.subjectKeyId);
        m.put("user_id", e.userId);
        m.put("request_id", e.requestId);
        m.put("created_at", e.occurredAt);
        m.put("details", e.details == null ? Map.of() : jakarta.json.Json.createReader(new StringReader(e.details)).readObject());
        return m;
    }
}
