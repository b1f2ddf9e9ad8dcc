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
import dev.gatehouse.rest.platform.boundary.Wire;
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
import java.util.Optional;

/**
 * Who am I, and is this key good: {@code GET /me} (seed 000), {@code GET /auth/verify} (seed 002)
 * and {@code POST /keys/verify}, with which another service checks its own callers' keys through
 * Gatehouse and always gets a 200 with a verdict.
 */
@Path("")
@Wire.Records({KeyViews.Me.class, KeyViews.AuthVerification.class, KeyViews.KeyVerdict.class})
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
        KeyViews.Me data = new KeyViews.Me(KeyViews.Key.from(key, clock.instant()),
                key.workspaceId() == null ? null : workspaces.find(key.workspaceId()).map(KeyViews.MeWorkspace::from).orElse(null),
                user(key).map(KeyViews.User::from).orElse(null), key.scopes().names());
        return Bodies.data(data);
    }

    /** 200 with the identity when the presented key is valid; the auth filter answers 401 otherwise. */
    @GET
    @Path("auth/verify")
    @RequiresScopes({})
    public JsonObject authVerify() {
        ApiKey key = current.caller().key();
        Optional<User> user = user(key);
        KeyViews.AuthVerification body = new KeyViews.AuthVerification(true, key.id(), key.workspaceId(), key.userId(),
                user.map(User::email).orElse(null), key.scopes().names(), key.expiresAt());
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
        KeyViews.KeyVerdict out = key == null ? new KeyViews.KeyVerdict(valid, code, null, null, null, null, null)
                : new KeyViews.KeyVerdict(valid, code, key.id(), key.workspaceId(), key.userId(), key.scopes().names(),
                        key.expiresAt());
        return Json.object(out);
    }

    private Optional<User> user(ApiKey key) {
        return key.userId() == null || key.workspaceId() == null ? Optional.empty() : users.find(key.workspaceId(), key.userId());
    }
}
