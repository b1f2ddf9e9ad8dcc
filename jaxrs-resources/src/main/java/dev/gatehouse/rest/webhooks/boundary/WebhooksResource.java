package dev.gatehouse.rest.webhooks.boundary;

import dev.gatehouse.rest.platform.boundary.ApiException;
import dev.gatehouse.rest.platform.boundary.Bodies;
import dev.gatehouse.rest.platform.boundary.Wire;
import dev.gatehouse.rest.platform.boundary.Json;
import dev.gatehouse.rest.platform.boundary.JsonBody;
import dev.gatehouse.rest.platform.boundary.ListQuery;
import dev.gatehouse.rest.platform.boundary.RequiresScopes;
import dev.gatehouse.rest.platform.boundary.Tenancy;
import dev.gatehouse.rest.platform.control.AfterCommit;
import dev.gatehouse.rest.webhooks.control.DeliveryWorker;
import dev.gatehouse.rest.webhooks.control.WebhookLists;
import dev.gatehouse.webhooks.CreatedEndpoint;
import dev.gatehouse.webhooks.Delivery;
import dev.gatehouse.webhooks.Endpoint;
import dev.gatehouse.webhooks.EndpointPatch;
import dev.gatehouse.webhooks.RotatedSecret;
import dev.gatehouse.webhooks.Webhooks;
import jakarta.enterprise.context.RequestScoped;
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
import java.util.Optional;

/**
 * Seed 001 "Webhooks": endpoints of the caller's workspace, their delivery log, a synchronous test
 * send, manual retries and secret rotation. The rules live in the webhooks core; this class maps
 * HTTP onto it. Another workspace's endpoint or delivery is a 404, like an unknown one.
 */
@Path("webhooks")
@Wire.Records({WebhookViews.Endpoint.class, WebhookViews.EndpointCreated.class, WebhookViews.Test.class,
    WebhookViews.SecretRotated.class, WebhookViews.Delivery.class, WebhookViews.DeliveryDetail.class,
    WebhookViews.Retried.class})
@RequestScoped
@Transactional
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WebhooksResource {

    @Inject
    WebhookLists lists;

    @Inject
    Webhooks webhooks;

    @Inject
    Tenancy tenancy;

    @Inject
    AfterCommit afterCommit;

    @Inject
    DeliveryWorker worker;

    @Context
    UriInfo uri;

    @GET
    @RequiresScopes("webhooks:read")
    public JsonObject list() {
        ListQuery query = ListQuery.parse(uri, WebhookLists.endpointSpec(WebhookViews.Endpoint.FIELDS));
        var page = lists.endpoints(query, tenancy.workspaceId());
        return Json.object(page.render(WebhookViews.Endpoint::from, uri));
    }

    @GET
    @Path("{id}")
    @RequiresScopes("webhooks:read")
    public JsonObject get(@PathParam("id") long id) {
        return Bodies.data(ListQuery.select(uri, WebhookViews.Endpoint.from(reachable(id))));
    }

    @POST
    @RequiresScopes("webhooks:write")
    public Response create(JsonBody body) {
        body.allowOnly("url", "events", "secret", "description");
        String url = body.string("url").orElse(null);
        var events = body.stringList("events").orElse(null);
        String secret = body.string("secret").orElse(null);
        String description = body.string("description").orElse(null);
        body.validate();
        CreatedEndpoint created = webhooks.createEndpoint(tenancy.workspaceId(), url, events, secret, description);
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(created.endpoint().id())).build())
                .entity(Bodies.message("Webhook endpoint created successfully.",
                        WebhookViews.EndpointCreated.from(created.endpoint(), created.secret())))
                .build();
    }

    @PATCH
    @Path("{id}")
    @RequiresScopes("webhooks:write")
    public JsonObject update(@PathParam("id") long id, JsonBody body) {
        Endpoint current = reachable(id);
        body.allowOnly("url", "events", "is_active", "description");
        for (String field : new String[] {"url", "events", "is_active"}) {
            if (body.isNull(field)) {
                body.error(field, "cannot be null.");
            }
        }
        EndpointPatch patch = new EndpointPatch(body.string("url"), body.stringList("events"), body.bool("is_active"),
                body.has("description") ? Optional.of(body.string("description").orElse("")) : Optional.empty());
        body.validate();
        Endpoint updated = webhooks.updateEndpoint(current.workspaceId(), current.id(), patch);
        return Bodies.message("Webhook endpoint updated successfully.", WebhookViews.Endpoint.from(updated));
    }

    @DELETE
    @Path("{id}")
    @RequiresScopes("webhooks:delete")
    public Response delete(@PathParam("id") long id) {
        Endpoint current = reachable(id);
        webhooks.deleteEndpoint(current.workspaceId(), current.id());
        return Response.noContent().build();
    }

    /** Sends synchronously, outside any transaction: a slow endpoint must not hold a database connection. */
    @POST
    @Path("{id}/test")
    @RequiresScopes("webhooks:write")
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public JsonObject test(@PathParam("id") long id) {
        Endpoint endpoint = reachable(id);
        return Json.object(WebhookViews.Test.from(webhooks.testEndpoint(endpoint.workspaceId(), endpoint.id())));
    }

    @POST
    @Path("{id}/rotate-secret")
    @RequiresScopes("webhooks:write")
    public JsonObject rotateSecret(@PathParam("id") long id) {
        Endpoint current = reachable(id);
        RotatedSecret rotated = webhooks.rotateSecret(current.workspaceId(), current.id());
        var data = new WebhookViews.SecretRotated(rotated.endpoint().id(), rotated.secret(),
                rotated.endpoint().previousSecretExpiresAt());
        return Bodies.message("Webhook signing secret rotated. The previous secret keeps signing until "
                + Json.timestamp(rotated.endpoint().previousSecretExpiresAt()) + ".", data);
    }

    @GET
    @Path("{id}/deliveries")
    @RequiresScopes("webhooks:read")
    public JsonObject deliveries(@PathParam("id") long id) {
        Endpoint endpoint = reachable(id);
        ListQuery query = ListQuery.parse(uri, WebhookLists.deliverySpec(WebhookViews.Delivery.FIELDS));
        var page = lists.deliveries(query, endpoint.workspaceId(), endpoint.id());
        return Json.object(page.render(WebhookViews.Delivery::from, uri));
    }

    @GET
    @Path("{id}/deliveries/{deliveryId}")
    @RequiresScopes("webhooks:read")
    public JsonObject delivery(@PathParam("id") long id, @PathParam("deliveryId") long deliveryId) {
        Endpoint endpoint = reachable(id);
        Delivery delivery = webhooks.findDelivery(endpoint.workspaceId(), endpoint.id(), deliveryId)
                .orElseThrow(() -> ApiException.notFound("Delivery not found."));
        return Bodies.data(WebhookViews.DeliveryDetail.from(delivery, webhooks.attempts(delivery.id())));
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/retry")
    @RequiresScopes("webhooks:write")
    public JsonObject retry(@PathParam("id") long id, @PathParam("deliveryId") long deliveryId) {
        Endpoint endpoint = reachable(id);
        Delivery queued = webhooks.retryDelivery(endpoint.workspaceId(), endpoint.id(), deliveryId);
        afterCommit.run(worker::wake);
        return Bodies.message("Delivery queued for retry.", WebhookViews.Retried.from(queued));
    }

    private Endpoint reachable(long id) {
        return webhooks.findEndpoint(tenancy.workspaceId(), id)
                .orElseThrow(() -> ApiException.notFound("Webhook endpoint not found."));
    }
}
