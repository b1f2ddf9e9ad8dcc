package dev.gatehouse.rest.analytics.boundary;

import dev.gatehouse.analytics.Site;
import dev.gatehouse.analytics.StatsRequest;
import dev.gatehouse.rest.analytics.control.PixelSettings;
import dev.gatehouse.rest.analytics.control.PixelStats;
import dev.gatehouse.rest.analytics.control.SiteStore;
import dev.gatehouse.rest.platform.boundary.ApiException;
import dev.gatehouse.rest.platform.boundary.Bodies;
import dev.gatehouse.rest.platform.boundary.RequiresScopes;
import dev.gatehouse.rest.platform.boundary.Tenancy;
import dev.gatehouse.rest.platform.boundary.Wire;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * Issue 13 "Stats": a site's visitors, visits, pageviews, views per visit, bounce rate and visit
 * duration over a period, as a series and, on request, broken down by one dimension; filters
 * combine. The parameters are {@link StatsRequest}'s.
 */
@Path("sites/{id}/stats")
@Wire.Records(SiteViews.Stats.class)
@RequestScoped
@Transactional(Transactional.TxType.SUPPORTS)
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    @Inject
    SiteStore sites;

    @Inject
    PixelStats stats;

    @Inject
    PixelSettings settings;

    @Inject
    Tenancy tenancy;

    @Inject
    Clock clock;

    @Context
    UriInfo uri;

    @GET
    @RequiresScopes("analytics:read")
    public JsonObject stats(@PathParam("id") long id) {
        Site site = sites.find(tenancy.workspaceId(), id).orElseThrow(() -> ApiException.notFound("Site not found."));
        Map<String, String> q = new HashMap<>();
        uri.getQueryParameters().forEach((k, v) -> {
            if (v.size() > 1) {
                throw ApiException.validation(k, "must be given once.");
            }
            q.put(k, v.get(0));
        });
        StatsRequest request = StatsRequest.parse(q, clock);
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        PixelStats.Report report = stats.report(site.id(), request, today.minusDays(settings.retentionDays()));

        return Bodies.data(SiteViews.Stats.from(site.id(), request, report));
    }

}
