package dev.gatehouse.rest.platform.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /ping}: answers {@code {"data": {"status": "ok"}}} without a key, a database or a core.
 * Clients use it to check they reach the API; the load harness uses it as the floor every other
 * endpoint is compared with, so it does nothing beyond what the filters do for any public request
 * (request id, CORS, the per-address rate limit). Request scoped like every other resource, so the
 * comparison does not hide that cost. Readiness of the database is {@code /health/ready}, not this.
 */
@Path("ping")
@Wire.Records(PingResource.Pong.class)
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PingResource {

    private static final JsonObject PONG = Bodies.data(Pong.OK);

    /** What {@code /ping} answers. */
    record Pong(@Wire.Required @Wire.Values("ok") String status) {

        static final Pong OK = new Pong("ok");
    }

    @GET
    @Public
    public JsonObject ping() {
        return PONG;
    }
}
