package dev.gatehouse.rest.keys.boundary;

import dev.gatehouse.rest.keys.entity.AuditEventEntity;
import dev.gatehouse.rest.platform.boundary.ApiException;
import dev.gatehouse.rest.platform.boundary.Caller;
import dev.gatehouse.rest.platform.boundary.CurrentRequest;
import dev.gatehouse.rest.platform.boundary.Json;
import dev.gatehouse.rest.platform.boundary.ListQuery;
import dev.gatehouse.rest.platform.boundary.ListSpec;
import dev.gatehouse.rest.platform.boundary.RequiresScopes;
import dev.gatehouse.rest.platform.boundary.Tenancy;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
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

    static final ListSpec LIST = ListSpec.builder()
            .sort("id", "e.id").sort("created_at", "e.occurredAt").sort("type", "e.type")
            .filter("type", (value, params) -> {
                if (!value.matches("[a-z_.]{1,64}")) {
                    throw ApiException.validation("type", "must be an audit event type such as api_key.created");
                }
                params.put("type", value);
                return "e.type = :type";
            })
            .filter("key_id", (value, params) -> {
                params.put("keyId", positive(value, "key_id"));
                return "(e.actorKeyId = :keyId or e.subjectKeyId = :keyId)";
            })
            .fields(FIELDS)
            .noUpdatedAt()
            .build();

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    Tenancy tenancy;

    @Inject
    CurrentRequest current;

    @Context
    UriInfo uri;

    @GET
    @RequiresScopes("audit:read")
    public JsonObject list() {
        ListQuery query = ListQuery.parse(uri, LIST);
        Caller caller = tenancy.caller();
        var page = caller.isRoot() && current.workspaceHeader() == null
                ? query.fetch(em, AuditEventEntity.class, null, Map.of())
                : query.fetch(em, AuditEventEntity.class, "e.workspaceId = :ws", Map.of("ws", tenancy.workspaceId()));
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

    private static long positive(String value, String field) {
        try {
            long n = Long.parseLong(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.validation(field, "must be a positive integer");
    }
}
