package dev.gatehouse.rest.keys.boundary;

import dev.gatehouse.keys.ApiKey;
import dev.gatehouse.keys.ApiKeys;
import dev.gatehouse.keys.User;
import dev.gatehouse.keys.Users;
import dev.gatehouse.keys.Verification;
import dev.gatehouse.keys.Workspaces;
import dev.gatehouse.rest.entitlements.control.RateLimits;
import dev.gatehouse.rest.platform.boundary.Bodies;
import dev.gatehouse.rest.platform.boundary.Caller;
import dev.gatehouse.rest.platform.boundary.CurrentRequest;
import dev.gatehouse.rest.platform.boundary.Json;
import dev.gatehouse.rest.platform.boundary.JsonBody;
import dev.gatehouse.rest.platform.boundary.RequiresScopes;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who am I, and is this key good: {@code GET /me} (seed 000), {@code GET /auth/verify} (seed 002)
 * and {@code POST /keys/verify}, with which another service checks its own callers' keys through
 * Gatehouse and always gets a 200 with a verdict.
 */
@Path("")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class IdentityResource {

    @Inject
    CurrentRequest current;

    @Inject
    ApiKeys keys;

    @Inject
    Workspaces workspaces;

    @Inject
    Users users;

    @Inject
    Clock clock;

    @Inject
    RateLimits rateLimits;

    /** Any valid key may ask who it is. */
    @GET
    @Path("me")
    @RequiresScopes({})
    public JsonObject me() {
        Caller caller = current.caller();
        ApiKey key = caller.key();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("key", KeyViews.view(key, clock.instant()));
        data.put("workspace", key.workspaceId() == null ? null
                : workspaces.find(key.workspaceId()).map(w -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", w.id());
                    m.put("name", w.name());
                    m.put("slug", w.slug());
                    m.put("tier", w.tier());
                    return m;
                }).orElse(null));
        data.put("user", user(key).map(UsersResource::view).orElse(null));
        data.put("scopes", key.scopes().names());
        return Bodies.data(data);
    }

    /** 200 with the identity when the presented key is valid; the auth filter answers 401 otherwise. */
    @GET
    @Path("auth/verify")
    @RequiresScopes({})
    public JsonObject authVerify() {
        ApiKey key = current.caller().key();
        Optional<User> user = user(key);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("valid", true);
        body.put("key_id", key.id());
        body.put("workspace_id", key.workspaceId());
        body.put("user_id", key.userId());
        body.put("email", user.map(User::email).orElse(null));
        body.put("scopes", key.scopes().names());
        body.put("expires_at", key.expiresAt());
        return Json.object(body);
    }

    /** Verifies someone else's key. Always 200; a key outside the caller's workspace is NOT_FOUND. */
    @POST
    @Path("keys/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScopes("api-keys:verify")
    public JsonObject verifyKey(JsonBody body) {
        body.allowOnly("key").require("key");
        String presented = body.string("key").orElse(null);
        body.validate();
        Verification v = keys.verify(presented);
        Caller caller = current.caller();
        ApiKey key = v.key();
        String code = v.code().name();
        if (key != null && !caller.isRoot() && !caller.workspaceId().equals(key.workspaceId())) {
            key = null;
            code = Verification.Code.NOT_FOUND.name();
        }
        if (key != null && v.valid() && rateLimits.isRateLimited(key)) {
            code = "RATE_LIMITED";
        }
        boolean valid = code.equals(Verification.Code.VALID.name());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("valid", valid);
        out.put("code", code);
        out.put("key_id", key == null ? null : key.id());
        out.put("workspace_id", key == null ? null : key.workspaceId());
        out.put("user_id", key == null ? null : key.userId());
        out.put("scopes", key == null ? null : key.scopes().names());
        out.put("expires_at", key == null ? null : key.expiresAt());
        return Json.object(out);
    }

    private Optional<User> user(ApiKey key) {
        return key.userId() == null || key.workspaceId() == null ? Optional.empty() : users.find(key.workspaceId(), key.userId());
    }
}
