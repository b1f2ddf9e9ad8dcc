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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Issue 13 "Stats": a site's visitors, visits, pageviews, views per visit, bounce rate and visit
 * duration over a period, as a series and, on request, broken down by one dimension; filters
 * combine. The parameters are {@link StatsRequest}'s.
 */
@Path("sites/{id}/stats")
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

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("site_id", site.id());
        data.put("period", Map.of("from", request.from().toString(), "to", request.to().toString()));
        data.put("interval", request.interval().wireName());
        Map<String, Object> filters = new LinkedHashMap<>();
        request.filters().forEach((d, v) -> filters.put(d.wireName(), v));
        data.put("filters", filters);
        data.put("aggregate", SiteViews.metrics(report.aggregate(), true));
        data.put("timeseries", report.series().stream().map(SiteViews::point).toList());
        if (report.breakdown() != null) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("dimension", report.breakdown().dimension().wireName());
            b.put("data", report.breakdown().entries().stream().map(SiteViews::entry).toList());
            long total = report.breakdown().total();
            b.put("meta", Map.of("current_page", request.page(), "per_page", request.perPage(), "total", total,
                    "last_page", Math.max(1, (total + request.perPage() - 1) / request.perPage())));
            data.put("breakdown", b);
        }
        return Bodies.data(data);
    }

}
