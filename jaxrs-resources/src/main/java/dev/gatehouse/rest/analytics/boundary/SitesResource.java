package dev.gatehouse.rest.analytics.boundary;

import dev.gatehouse.analytics.Site;
import dev.gatehouse.analytics.SiteSpec;
import dev.gatehouse.rest.analytics.control.SiteDirectoryCache;
import dev.gatehouse.rest.analytics.control.SiteStore;
import dev.gatehouse.rest.platform.boundary.ApiException;
import dev.gatehouse.rest.platform.boundary.Bodies;
import dev.gatehouse.rest.platform.boundary.Json;
import dev.gatehouse.rest.platform.boundary.JsonBody;
import dev.gatehouse.rest.platform.boundary.ListQuery;
import dev.gatehouse.rest.platform.boundary.ListSpec;
import dev.gatehouse.rest.platform.boundary.RequiresScopes;
import dev.gatehouse.rest.platform.boundary.Tenancy;
import dev.gatehouse.rest.platform.boundary.Wire;
import dev.gatehouse.rest.platform.control.AfterCommit;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
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
import java.util.List;

/**
 * Issue 13 "Sites": the sites a workspace tracks with the pixel. Another workspace's site is a 404.
 * A change reaches the public endpoints of this instance at once, of others within
 * {@code gatehouse.pixel.site-cache-seconds}.
 */
@Path("sites")
@Wire.Records({SiteViews.Site.class, SiteViews.Tagged.class})
@RequestScoped
@Transactional
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SitesResource {

    static final ListSpec SITES = ListSpec.builder()
            .sort("id", "e.id").sort("name", "e.name").sort("created_at", "e.createdAt").sort("updated_at", "e.updatedAt")
            .search("e.name", "e.domains")
            .filter("status", value -> {
                boolean enabled = switch (value) {
                    case "enabled" -> true;
                    case "disabled" -> false;
                    default -> throw ApiException.validation("status", "must be enabled or disabled");
                };
                return (cb, e) -> cb.equal(e.get("enabled"), enabled);
            })
            .fields(SiteViews.Site.FIELDS)
            .build();

    @Inject
    SiteStore sites;

    @Inject
    SiteDirectoryCache directory;

    @Inject
    Tenancy tenancy;

    @Inject
    AfterCommit afterCommit;

    @Context
    UriInfo uri;

    @GET
    @RequiresScopes("sites:read")
    public JsonObject list() {
        ListQuery query = ListQuery.parse(uri, SITES);
        return Json.object(sites.list(query, tenancy.workspaceId()).render(e -> SiteViews.Site.from(SiteStore.toSite(e)), uri));
    }

    @GET
    @Path("{id}")
    @RequiresScopes("sites:read")
    public JsonObject get(@PathParam("id") long id) {
        return Bodies.data(ListQuery.select(uri, SiteViews.Site.FIELDS, Wire.map(SiteViews.Tagged.from(reachable(id), scriptUrl()))));
    }

    @POST
    @RequiresScopes("sites:write")
    public Response create(JsonBody body) {
        body.allowOnly("name", "domains", "features", "sample_rate", "count_do_not_track", "ingest_limit_per_minute", "enabled");
        body.require("name", "domains");
        SiteSpec spec = spec(body, null);
        Site created = sites.create(tenancy.workspaceId(), spec);
        afterCommit.run(directory::invalidate);
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(created.id())).build())
                .entity(Bodies.message("Site created successfully.", SiteViews.Tagged.from(created, scriptUrl())))
                .build();
    }

    @PATCH
    @Path("{id}")
    @RequiresScopes("sites:write")
    public JsonObject update(@PathParam("id") long id, JsonBody body) {
        Site current = reachable(id);
        body.allowOnly("name", "domains", "features", "sample_rate", "count_do_not_track", "ingest_limit_per_minute", "enabled");
        for (String field : new String[] {"name", "domains", "features", "sample_rate", "count_do_not_track",
                "ingest_limit_per_minute", "enabled"}) {
            if (body.isNull(field)) {
                body.error(field, "cannot be null.");
            }
        }
        SiteSpec spec = spec(body, current);
        Site updated = sites.update(current.workspaceId(), id, spec).orElseThrow(() -> ApiException.notFound("Site not found."));
        afterCommit.run(directory::invalidate);
        return Bodies.message("Site updated successfully.", SiteViews.Tagged.from(updated, scriptUrl()));
    }

    @DELETE
    @Path("{id}")
    @RequiresScopes("sites:write")
    public Response delete(@PathParam("id") long id) {
        if (!sites.delete(tenancy.workspaceId(), id)) {
            throw ApiException.notFound("Site not found.");
        }
        afterCommit.run(directory::invalidate);
        return Response.noContent().build();
    }

    private Site reachable(long id) {
        return sites.find(tenancy.workspaceId(), id).orElseThrow(() -> ApiException.notFound("Site not found."));
    }

    private String scriptUrl() {
        return uri.getBaseUriBuilder().path("pixel/script.js").build().toString();
    }

    /** The body over the current site's settings (or the defaults of a new one); checked by the core. */
    private static SiteSpec spec(JsonBody body, Site current) {
        String name = body.string("name").orElse(current == null ? null : current.name());
        List<String> domains = body.stringList("domains").orElse(current == null ? null
                : current.domains().stream().map(Object::toString).toList());
        List<String> features = body.stringList("features").orElse(current == null ? SiteSpec.DEFAULT_FEATURES
                : SiteViews.Site.from(current).features());
        double sampleRate = current == null ? 1.0 : current.sampleRate();
        JsonValue rate = body.raw("sample_rate").orElse(null);
        if (rate instanceof JsonNumber n) {
            sampleRate = n.doubleValue();
        } else if (rate != null && rate.getValueType() != JsonValue.ValueType.NULL) {
            body.error("sample_rate", "must be a number from 0 to 1.");
        }
        boolean dnt = body.bool("count_do_not_track").orElse(current != null && current.countDoNotTrack());
        long limit = body.integer("ingest_limit_per_minute").orElse(current == null
                ? (long) SiteSpec.DEFAULT_INGEST_PER_MINUTE : (long) current.ingestLimitPerMinute());
        boolean enabled = body.bool("enabled").orElse(current == null || current.enabled());
        body.validate();
        int clampedLimit = limit > Integer.MAX_VALUE || limit < Integer.MIN_VALUE ? -1 : (int) limit;
        return new SiteSpec(name, domains, features, sampleRate, dnt, clampedLimit, enabled);
    }
}
