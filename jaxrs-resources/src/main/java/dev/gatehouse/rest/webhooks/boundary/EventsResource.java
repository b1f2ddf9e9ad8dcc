package dev.gatehouse.rest.webhooks.boundary;

import dev.gatehouse.rest.platform.boundary.Bodies;
import dev.gatehouse.rest.platform.boundary.JsonBody;
import dev.gatehouse.rest.platform.boundary.RequiresScopes;
import dev.gatehouse.rest.platform.boundary.Wire;
import dev.gatehouse.rest.platform.boundary.Tenancy;
import dev.gatehouse.rest.webhooks.control.EventBatches;
import dev.gatehouse.webhooks.PublishResult;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /events}: publishes an event to the workspace's subscribed endpoints. Accepted, not
 * delivered: the answer is 202 once the outbox rows are committed. Sending an id again is accepted
 * and delivers nothing new ({@code "duplicate": true}). Not transactional itself: the publish is
 * committed in a batch with concurrent ones ({@link EventBatches}) before the 202.
 */
@Path("events")
@Wire.Records(WebhookViews.EventAccepted.class)
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EventsResource {

    @Inject
    EventBatches publishes;

    @Inject
    Tenancy tenancy;

    @POST
    @RequiresScopes("events:write")
    public Response publish(JsonBody body) {
        body.allowOnly("type", "data", "id");
        body.require("type", "data");
        String type = body.string("type").orElse(null);
        String id = body.string("id").orElse(null);
        JsonValue data = body.raw("data").orElse(null);
        if (data != null && data.getValueType() != JsonValue.ValueType.OBJECT && data.getValueType() != JsonValue.ValueType.NULL) {
            body.error("data", "must be an object.");
        }
        body.validate();
        PublishResult result = publishes.publish(tenancy.workspaceId(), type, data.toString(), id);
        var out = new WebhookViews.EventAccepted(result.eventId(), type, result.duplicate(), result.deliveries());
        return Response.accepted(Bodies.message(result.duplicate()
                ? "Event already published; nothing new queued." : "Event accepted for delivery.", out)).build();
    }
}
