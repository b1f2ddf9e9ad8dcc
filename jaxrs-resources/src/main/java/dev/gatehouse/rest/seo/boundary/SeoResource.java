package dev.gatehouse.rest.seo.boundary;

import dev.gatehouse.keys.Workspaces;
import dev.gatehouse.rest.platform.boundary.ApiException;
import dev.gatehouse.rest.platform.boundary.Bodies;
import dev.gatehouse.rest.platform.boundary.Json;
import dev.gatehouse.rest.platform.boundary.JsonBody;
import dev.gatehouse.rest.platform.boundary.ListQuery;
import dev.gatehouse.rest.platform.boundary.RequiresScopes;
import dev.gatehouse.rest.platform.boundary.Wire;
import dev.gatehouse.rest.platform.boundary.Tenancy;
import dev.gatehouse.rest.seo.control.JsonMaps;
import dev.gatehouse.rest.seo.control.SeoReporting;
import dev.gatehouse.rest.seo.control.SeoStore;
import dev.gatehouse.rest.seo.control.SeoThresholdSettings;
import dev.gatehouse.rest.seo.entity.SeoIssueEntity;
import dev.gatehouse.rest.seo.entity.SeoReportEntity;
import dev.gatehouse.rest.seo.entity.SeoSettingsEntity;
import dev.gatehouse.seo.Category;
import dev.gatehouse.seo.Fingerprints;
import dev.gatehouse.seo.IssueStatus;
import dev.gatehouse.seo.ScoreThresholds;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SEO reports (seed 001): {@code POST /seo/report} takes seed 001's body, a Lighthouse result, a
 * PageSpeed Insights v5 response or a Lighthouse CI run (up to {@code 16 MiB}, see
 * {@code RequestIds}); {@code GET /seo/issues/{workspace_id}} lists the de-duplicated issues;
 * {@code GET /seo/reports} and {@code GET /seo/trend} give the history; {@code /seo/settings} holds
 * the workspace's regression thresholds.
 */
@Path("seo")
@Wire.Records({SeoViews.Issue.class, SeoViews.Report.class, SeoViews.ReportRecorded.class, SeoViews.Trend.class,
    SeoViews.Settings.class})
@RequestScoped
@Transactional
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SeoResource {

    private static final Set<String> TREND_PARAMETERS = Set.of("url", "category", "from", "to", "limit");

    @Inject
    SeoReporting reporting;

    @Inject
    SeoStore store;

    @Inject
    SeoThresholdSettings thresholds;

    @Inject
    Tenancy tenancy;

    @Inject
    Workspaces workspaces;

    @Context
    UriInfo uri;

    @POST
    @Path("report")
    @RequiresScopes("seo:write")
    public Response submit(JsonBody body) {
        SeoStore.Recorded recorded = reporting.submit(tenancy.workspaceId(), JsonMaps.of(body.json()));
        var data = SeoViews.ReportRecorded.from(recorded.report(), recorded.issues());
        return Response.status(201).entity(Bodies.message("SEO report recorded.", data)).build();
    }

    @GET
    @Path("issues/{workspace_id}")
    @RequiresScopes("seo:read")
    public JsonObject issues(@PathParam("workspace_id") long workspaceId) {
        ListQuery query = ListQuery.parse(uri, SeoViews.ISSUES);
        return Json.object(store.issues(reachable(workspaceId), query).render(SeoViews.Issue::from, uri));
    }

    @PATCH
    @Path("issues/{workspace_id}/{id}")
    @RequiresScopes("seo:write")
    public JsonObject updateIssue(@PathParam("workspace_id") long workspaceId, @PathParam("id") long id, JsonBody body) {
        long ws = reachable(workspaceId);
        body.allowOnly("status");
        body.require("status");
        IssueStatus requested = body.string("status").map(s -> IssueStatus.fromApiName(s).orElseGet(() -> {
            body.error("status", "must be ignored or open.");
            return null;
        })).orElse(null);
        body.validate();
        SeoIssueEntity issue = store.setStatus(ws, id, requested)
                .orElseThrow(() -> ApiException.notFound("SEO issue not found."));
        return Bodies.message("SEO issue updated.", SeoViews.Issue.from(issue));
    }

    @GET
    @Path("reports")
    @RequiresScopes("seo:read")
    public JsonObject reports() {
        ListQuery query = ListQuery.parse(uri, SeoViews.REPORTS);
        return Json.object(store.reports(tenancy.workspaceId(), query).render(SeoViews.Report::from, uri));
    }

    @GET
    @Path("reports/{id}")
    @RequiresScopes("seo:read")
    public JsonObject report(@PathParam("id") long id) {
        SeoReportEntity report = store.report(tenancy.workspaceId(), id)
                .orElseThrow(() -> ApiException.notFound("SEO report not found."));
        return Bodies.data(SeoViews.Report.from(report));
    }

    @GET
    @Path("trend")
    @RequiresScopes("seo:read")
    public JsonObject trend(@QueryParam("url") String url, @QueryParam("category") String category,
                            @QueryParam("from") String from, @QueryParam("to") String to,
                            @QueryParam("limit") String limit) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (String name : uri.getQueryParameters().keySet()) {
            if (!TREND_PARAMETERS.contains(name)) {
                errors.put(name, List.of("is not a supported parameter here; supported: category, from, limit, to, url."));
            }
        }
        String urlKey = null;
        if (url == null) {
            errors.put("url", List.of("is required."));
        } else {
            try {
                urlKey = Fingerprints.urlKey(url);
            } catch (IllegalArgumentException e) {
                errors.put("url", List.of(e.getMessage() + "."));
            }
        }
        Set<Category> categories = EnumSet.allOf(Category.class);
        if (category != null) {
            categories.clear();
            for (String name : category.split(",")) {
                Category.fromApiName(name.trim()).ifPresentOrElse(categories::add, () -> errors.put("category",
                        List.of("must be performance, accessibility, best_practices or seo (comma-separated).")));
            }
        }
        Instant fromInstant = SeoViews.instant(from, "from", errors);
        Instant toInstant = SeoViews.instant(to, "to", errors);
        int max = 100;
        if (limit != null) {
            try {
                max = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                max = -1;
            }
            if (max < 1 || max > 1000) {
                errors.put("limit", List.of("must be an integer from 1 to 1000."));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        List<SeoReportEntity> reports = store.trend(tenancy.workspaceId(), urlKey, fromInstant, toInstant, max);
        return Bodies.data(SeoViews.Trend.from(urlKey, categories, reports));
    }

    @GET
    @Path("settings")
    @RequiresScopes("seo:read")
    public JsonObject settings() {
        long ws = tenancy.workspaceId();
        return Bodies.data(settingsView(store.settings(ws).orElse(null)));
    }

    @PUT
    @Path("settings")
    @RequiresScopes("seo:write")
    public JsonObject updateSettings(JsonBody body) {
        long ws = tenancy.workspaceId();
        body.allowOnly("min_score", "score_drop_points");
        Integer min = body.integer("min_score").map(Long::intValue).orElse(null);
        Integer drop = body.integer("score_drop_points").map(Long::intValue).orElse(null);
        if (min != null && (min < 0 || min > 100)) {
            body.error("min_score", "must be an integer from 0 (off) to 100, or null for the deployment's default.");
        }
        if (drop != null && (drop < 1 || drop > 100)) {
            body.error("score_drop_points", "must be an integer from 1 to 100, or null for the deployment's default.");
        }
        body.validate();
        return Bodies.message("SEO settings saved.", settingsView(store.saveSettings(ws, min, drop)));
    }

    private SeoViews.Settings settingsView(SeoSettingsEntity own) {
        ScoreThresholds effective = thresholds.of(own);
        ScoreThresholds deployment = thresholds.deployment();
        return new SeoViews.Settings(effective.minimumScore(), effective.dropPoints(),
                new SeoViews.SettingsDefaults(deployment.minimumScore(), deployment.dropPoints()));
    }

    /** The path's workspace, if the caller may act in it: a workspace key only in its own. */
    private long reachable(long workspaceId) {
        if (!tenancy.canReach(workspaceId) || workspaces.find(workspaceId).isEmpty()) {
            throw ApiException.notFound("Workspace not found.");
        }
        return workspaceId;
    }
}
