package dev.gatehouse.rest.webhooks.boundary;

import dev.gatehouse.rest.platform.boundary.Bodies;
import dev.gatehouse.rest.platform.boundary.RequiresScopes;
import dev.gatehouse.rest.platform.boundary.Wire;
import dev.gatehouse.rest.webhooks.control.EventTypes;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /event-types}: what endpoints can subscribe to, Gatehouse's own types and the app's. */
@Path("event-types")
@Wire.Records(WebhookViews.EventType.class)
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class EventTypesResource {

    @Inject
    EventTypes types;

    @GET
    @RequiresScopes(value = {"webhooks:read", "events:write"}, any = true)
    public JsonObject list() {
        List<WebhookViews.EventType> data = new ArrayList<>();
        types.all().forEach((type, described) -> data.add(new WebhookViews.EventType(type, described[0], described[1])));
        return Bodies.data(data);
    }
}
