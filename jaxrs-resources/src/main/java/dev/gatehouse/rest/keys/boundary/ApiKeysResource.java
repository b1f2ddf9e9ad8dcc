package dev.gatehouse.rest.keys.boundary;

import dev.gatehouse.keys.ApiKey;
import dev.gatehouse.keys.ApiKeys;
import dev.gatehouse.keys.IssuedKey;
import dev.gatehouse.keys.KeyPatch;
import dev.gatehouse.keys.KeyRequest;
import dev.gatehouse.keys.KeyType;
import dev.gatehouse.keys.Rotation;
import dev.gatehouse.rest.keys.control.JpaApiKeyStore;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Seed 001 "API Keys" plus PATCH. A workspace key manages the keys of its workspace; a user key
 * (seed 002 personal keys) manages only its own user's keys, and the keys it creates are personal
 * keys of that user, limited in number. No key can hand out a scope it does not hold itself.
 */
@Path("api-keys")
@Wire.Records({KeyViews.Key.class, KeyViews.Issued.class, KeyViews.RevokedKeys.class})
@RequestScoped
@Transactional
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApiKeysResource {

    @Inject
    JpaApiKeyStore store;

    @Inject
    ApiKeys keys;

    @Inject
    Tenancy tenancy;

    @Inject
    AfterCommit afterCommit;

    @Inject
    Event<DomainEvent> events;

    @Inject
    Clock clock;

    @Context
    UriInfo uri;

    @GET
    @RequiresScopes("api-keys:read")
    public JsonObject list() {
        Instant now = clock.instant();
        ListQuery query = ListQuery.parse(uri, JpaApiKeyStore.listSpec(now, KeyViews.Key.FIELDS));
        Caller caller = tenancy.caller();
        var page = store.list(query, tenancy.workspaceId(),
                caller.key().type() == KeyType.USER ? caller.key().userId() : null);
        return Json.object(page.render(key -> KeyViews.Key.from(key, now), uri));
    }

    @GET
    @Path("{id}")
    @RequiresScopes("api-keys:read")
    public JsonObject get(@PathParam("id") long id) {
        return Bodies.data(ListQuery.select(uri, KeyViews.Key.from(reachable(id), clock.instant())));
    }

    @POST
    @RequiresScopes("api-keys:write")
    public Response create(JsonBody body) {
        body.allowOnly("name", "scopes", "rate_limit_tier", "expires_at");
        String name = body.string("name").orElse(null);
        List<String> scopes = body.stringList("scopes").orElse(null);
        String tier = body.string("rate_limit_tier").orElse(null);
        Instant expiresAt = body.instant("expires_at").orElse(null);
        body.validate();
        Caller caller = tenancy.caller();
        long workspaceId = tenancy.workspaceId();
        boolean personal = caller.key().type() == KeyType.USER;
        KeyRequest request = new KeyRequest(workspaceId, personal ? caller.key().userId() : null,
                personal ? KeyType.USER : KeyType.WORKSPACE, name, scopes, tier, expiresAt);
        IssuedKey issued = keys.issue(request, caller.key(), caller.actor());
        events.fire(new DomainEvent(workspaceId, "api_key.created", KeyViews.event(issued.key())));
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(issued.key().id())).build())
                .entity(Bodies.message("API key created successfully.", KeyViews.Issued.from(issued, clock.instant())))
                .build();
    }

    @POST
    @Path("{id}/rotate")
    @RequiresScopes("api-keys:write")
    public JsonObject rotate(@PathParam("id") long id, JsonBody body) {
        ApiKey current = reachable(id);
        body.allowOnly("grace_period_hours");
        // The default and the range (0 to 720 hours) are the core's; saturating keeps an absurd
        // number of hours from overflowing Duration before the core can refuse it.
        Duration grace = body.integer("grace_period_hours")
                .map(hours -> Duration.ofHours(Math.max(-1, Math.min(hours, Long.MAX_VALUE / 3600))))
                .orElse(null);
        body.validate();
        Caller caller = tenancy.caller();
        Rotation rotation = keys.rotate(current.workspaceId(), current.id(), grace, caller.key(), caller.actor());
        afterCommit.run(() -> keys.invalidate(current.id()));
        Map<String, Object> event = new LinkedHashMap<>(KeyViews.event(rotation.replacement().key()));
        event.put("previous_id", current.id());
        event.put("grace_period_ends_at", Json.timestamp(rotation.gracePeriodEndsAt()));
        events.fire(new DomainEvent(current.workspaceId(), "api_key.rotated", event));
        return Bodies.message("API key rotated successfully.", KeyViews.Issued.rotated(rotation.replacement(), clock.instant(),
                current.id(), rotation.gracePeriodEndsAt()));
    }

    @PATCH
    @Path("{id}")
    @RequiresScopes("api-keys:write")
    public JsonObject update(@PathParam("id") long id, JsonBody body) {
        ApiKey current = reachable(id);
        body.allowOnly("name", "scopes", "expires_at");
        if (body.isNull("name") || body.isNull("scopes")) {
            body.error(body.isNull("name") ? "name" : "scopes", "cannot be null.");
        }
        Optional<String> name = body.string("name");
        Optional<Collection<String>> scopes = body.stringList("scopes").map(l -> l);
        Optional<Optional<Instant>> expires = body.has("expires_at")
                ? Optional.of(body.isNull("expires_at") ? Optional.empty() : body.instant("expires_at"))
                : Optional.empty();
        body.validate();
        Caller caller = tenancy.caller();
        ApiKey updated = keys.update(current.workspaceId(), current.id(), new KeyPatch(name, scopes, expires),
                caller.key(), caller.actor());
        afterCommit.run(() -> keys.invalidate(current.id()));
        return Bodies.message("API key updated successfully.", KeyViews.Key.from(updated, clock.instant()));
    }

    @DELETE
    @Path("{id}")
    @RequiresScopes("api-keys:delete")
    public Response revoke(@PathParam("id") long id) {
        ApiKey current = reachable(id);
        ApiKey revoked = keys.revoke(current.workspaceId(), current.id(), tenancy.caller().actor());
        afterCommit.run(() -> keys.invalidate(current.id()));
        events.fire(new DomainEvent(current.workspaceId(), "api_key.revoked", KeyViews.event(revoked)));
        return Response.noContent().build();
    }

    /**
     * The operator path of seed 003: revokes every still-active key that the given key minted
     * (user keys it bootstrapped, keys it created). Revocation never cascades on its own; this is
     * how an operator wipes everything a compromised developer key handed out. Root keys only.
     */
    @POST
    @Path("{id}/revoke-minted")
    @RequiresScopes("api-keys:delete")
    @RootOnly("revoke everything a key minted")
    public JsonObject revokeMinted(@PathParam("id") long id) {
        Caller caller = tenancy.caller();
        keys.find(null, id).orElseThrow(ApiException::notFound);
        List<ApiKey> revoked = keys.revokeMintedBy(id, caller.actor());
        afterCommit.run(keys::invalidateAll);
        for (ApiKey k : revoked) {
            events.fire(new DomainEvent(k.workspaceId(), "api_key.revoked", KeyViews.event(k)));
        }
        return Bodies.message("Revoked every active key minted by key " + id + ".",
                new KeyViews.RevokedKeys(revoked.size(), revoked.stream().map(ApiKey::id).toList()));
    }

    /** The key, if the caller may see it: in its workspace and, for a user key, its own user's. */
    private ApiKey reachable(long id) {
        Caller caller = tenancy.caller();
        ApiKey key = keys.find(tenancy.workspaceId(), id).orElseThrow(ApiException::notFound);
        if (caller.key().type() == KeyType.USER && !caller.key().userId().equals(key.userId())) {
            throw ApiException.notFound();
        }
        return key;
    }

}
