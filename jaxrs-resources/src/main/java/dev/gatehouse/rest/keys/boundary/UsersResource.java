package dev.gatehouse.rest.keys.boundary;

import dev.gatehouse.keys.ApiKey;
import dev.gatehouse.keys.Bootstrap;
import dev.gatehouse.keys.IssuedKey;
import dev.gatehouse.keys.KeyType;
import dev.gatehouse.keys.User;
import dev.gatehouse.keys.Users;
import dev.gatehouse.rest.keys.control.JpaUserStore;
import dev.gatehouse.rest.platform.boundary.ApiException;
import dev.gatehouse.rest.platform.boundary.Bodies;
import dev.gatehouse.rest.platform.boundary.Caller;
import dev.gatehouse.rest.platform.boundary.Json;
import dev.gatehouse.rest.platform.boundary.JsonBody;
import dev.gatehouse.rest.platform.boundary.ListQuery;
import dev.gatehouse.rest.platform.boundary.RequiresScopes;
import dev.gatehouse.rest.platform.boundary.Wire;
import dev.gatehouse.rest.platform.boundary.Tenancy;
import dev.gatehouse.rest.platform.control.DomainEvent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seed 003's developer and end-user keys. A key with {@code users:write} bootstraps an end user and
 * gets a restricted user key for it plus a verification code; the user's own key verifies and is
 * upgraded in place. The code goes to the developer (in the bootstrap response and the
 * {@code user.verification_requested} event), never back to the user's own key — otherwise the
 * user could verify without reading the message the code was sent in.
 */
@Path("users")
@Wire.Records({KeyViews.User.class, KeyViews.UserBootstrap.class, KeyViews.VerificationResent.class, KeyViews.Issued.class})
@RequestScoped
@Transactional
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

    @Inject
    JpaUserStore store;

    @Inject
    Users users;

    @Inject
    Tenancy tenancy;

    @Inject
    Event<DomainEvent> events;

    @Inject
    Clock clock;

    @Context
    UriInfo uri;

    @GET
    @RequiresScopes("users:read")
    public JsonObject list() {
        var page = store.list(ListQuery.parse(uri, JpaUserStore.listSpec(KeyViews.User.FIELDS)), tenancy.workspaceId());
        return Json.object(page.render(KeyViews.User::from, uri));
    }

    @GET
    @Path("{id}")
    @RequiresScopes("users:read")
    public JsonObject get(@PathParam("id") long id) {
        return Bodies.data(ListQuery.select(uri, KeyViews.User.from(reachable(id))));
    }

    @POST
    @RequiresScopes("users:write")
    public Response bootstrap(JsonBody body) {
        body.allowOnly("external_id", "email");
        String externalId = body.string("external_id").orElse(null);
        String email = body.string("email").orElse(null);
        body.validate();
        Caller caller = developer();
        long workspaceId = tenancy.workspaceId();
        Bootstrap b = users.bootstrap(workspaceId, externalId, email, caller.key(), caller.actor());
        verificationRequested(b.user(), b.verificationCode());
        KeyViews.UserBootstrap data = new KeyViews.UserBootstrap(KeyViews.User.from(b.user()),
                KeyViews.Issued.from(b.key(), clock.instant()), b.verificationCode());
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(b.user().id())).build())
                .entity(Bodies.message("User created successfully.", data)).build();
    }

    @POST
    @Path("{id}/verify")
    @RequiresScopes("me:verify")
    public JsonObject verify(@PathParam("id") long id, JsonBody body) {
        body.allowOnly("code").require("code");
        String code = body.string("code").orElse(null);
        body.validate();
        Caller caller = tenancy.caller();
        User user = users.verify(id, code, caller.key(), caller.actor());
        return Bodies.message("User verified; this key now holds the verified scopes.", KeyViews.User.from(user));
    }

    @POST
    @Path("{id}/resend-verification")
    @RequiresScopes(value = {"me:resend-verification", "users:write"}, any = true)
    public Response resend(@PathParam("id") long id) {
        Caller caller = tenancy.caller();
        long userId = id;
        String code = users.resendVerification(userId, caller.key(), caller.actor());
        User user = users.find(caller.key().workspaceId() != null ? caller.key().workspaceId() : tenancy.workspaceId(), userId)
                .orElseThrow(ApiException::notFound);
        verificationRequested(user, code);
        KeyViews.VerificationResent data = new KeyViews.VerificationResent(user.id(),
                caller.key().type() != KeyType.USER ? code : null);
        return Response.accepted(Bodies.message("A new verification code was issued.", data)).build();
    }

    @POST
    @Path("{id}/keys")
    @RequiresScopes("users:write")
    public Response issueKey(@PathParam("id") long id, JsonBody body) {
        body.allowOnly("name");
        String name = body.string("name").orElse(null);
        body.validate();
        Caller caller = developer();
        IssuedKey issued = users.issueUserKey(id, name, caller.key(), caller.actor());
        events.fire(new DomainEvent(issued.key().workspaceId(), "api_key.created", KeyViews.event(issued.key())));
        return Response.status(201).entity(Bodies.message("API key created successfully.", KeyViews.Issued.from(issued, clock.instant()))).build();
    }

    private Caller developer() {
        Caller caller = tenancy.caller();
        if (caller.key().type() == KeyType.USER) {
            // An end user's key never bootstraps users or mints keys for them.
            throw new ApiException(404, "not_found", "User not found.").with("code", "user_not_found");
        }
        return caller;
    }

    private void verificationRequested(User user, String code) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user_id", user.id());
        data.put("external_id", user.externalId());
        data.put("email", user.email());
        data.put("verification_code", code);
        events.fire(new DomainEvent(user.workspaceId(), "user.verification_requested", data));
    }

    private User reachable(long id) {
        User user = users.find(tenancy.workspaceId(), id).orElseThrow(() -> new ApiException(404, "not_found", "User not found.").with("code", "user_not_found"));
        ApiKey key = tenancy.caller().key();
        if (key.type() == KeyType.USER && !key.userId().equals(user.id())) {
            throw new ApiException(404, "not_found", "User not found.").with("code", "user_not_found");
        }
        return user;
    }

}
