package dev.gatehouse.rest.entitlements.boundary;

import dev.gatehouse.entitlements.Check;
import dev.gatehouse.entitlements.Entitlements;
import dev.gatehouse.entitlements.LimitOverride;
import dev.gatehouse.entitlements.LimitType;
import dev.gatehouse.entitlements.Recorded;
import dev.gatehouse.keys.AuditEvent;
import dev.gatehouse.keys.Workspace;
import dev.gatehouse.rest.keys.control.JpaAuditSink;
import dev.gatehouse.rest.platform.boundary.ApiException;
import dev.gatehouse.rest.platform.boundary.Bodies;
import dev.gatehouse.rest.platform.boundary.Caller;
import dev.gatehouse.rest.platform.boundary.Json;
import dev.gatehouse.rest.platform.boundary.JsonBody;
import dev.gatehouse.rest.platform.boundary.RequiresScopes;
import dev.gatehouse.rest.platform.boundary.Wire;
import dev.gatehouse.rest.platform.boundary.RootOnly;
import dev.gatehouse.rest.platform.boundary.Tenancy;
import dev.gatehouse.rest.entitlements.control.JpaUsageStore;
import dev.gatehouse.rest.entitlements.control.UsageRecorder;
import dev.gatehouse.rest.entitlements.control.UsageSeries;
import dev.gatehouse.rest.cluster.control.CacheChanges;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Seed 001 "Entitlements" for the workspace the request acts in (a root key names it with
 * {@code X-Workspace-ID}): check without consuming, record usage (idempotent with
 * {@code event_id}), the usage summary; and, for root keys only, per-workspace limit overrides and
 * audited usage adjustments — the one way usage ever goes down.
 */
@Path("entitlements")
@Wire.Records({EntitlementViews.CheckView.class, EntitlementViews.UsageRecorded.class, EntitlementViews.EntitlementSummary.class,
    EntitlementViews.LimitOverride.class, EntitlementViews.UsageAdjusted.class, EntitlementViews.UsageSeries.class})
@RequestScoped
@Transactional
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EntitlementsResource {

    /** Usage metadata is stored verbatim as JSON text, up to this many characters. */
    static final int MAX_METADATA_CHARS = 4000;

    @Inject
    Entitlements entitlements;

    @Inject
    CacheChanges cacheChanges;

    @Inject
    Tenancy tenancy;

    @Inject
    JpaAuditSink audit;

    @Inject
    Clock clock;

    @Inject
    JpaUsageStore usageStore;

    @Inject
    UsageRecorder recorder;

    @GET
    @Path("check")
    @RequiresScopes("entitlements:read")
    public JsonObject check(@QueryParam("feature") String feature, @QueryParam("quantity") String quantity) {
        if (feature == null || feature.isBlank()) {
            throw ApiException.validation("feature", "is required.");
        }
        long amount = quantity == null ? 1 : parseQuantity(quantity);
        Workspace w = tenancy.workspace();
        Check check = entitlements.check(w.id(), w.tier(), feature, amount);
        return Json.object(EntitlementViews.CheckView.from(check));
    }

    /**
     * Outside any transaction: the recording joins the instance's group commit and this answers
     * once its batch has committed ({@link UsageRecorder}).
     */
    @POST
    @Path("usage")
    @RequiresScopes("entitlements:write")
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Response record(JsonBody body) {
        body.allowOnly("feature", "quantity", "metadata", "event_id");
        body.require("feature");
        String feature = body.string("feature").orElse(null);
        long quantity = body.integer("quantity").orElse(1L);
        String eventId = body.string("event_id").orElse(null);
        String metadata = body.object("metadata").map(m -> m.json().toString()).orElse(null);
        if (metadata != null && metadata.length() > MAX_METADATA_CHARS) {
            body.error("metadata", "must be at most " + MAX_METADATA_CHARS + " characters of JSON.");
        }
        body.validate();
        Workspace w = tenancy.workspace();
        Recorded recorded = recorder.record(w.id(), w.tier(), feature, quantity, eventId, metadata);
        Response.ResponseBuilder ok = Response.ok(Json.object(EntitlementViews.UsageRecorded.from(recorded)));
        if (recorded.duplicate()) {
            ok.header("Idempotent-Replayed", "true");
        }
        return ok.build();
    }

    /**
     * Usage over time for one feature: per UTC day ({@code interval=day}, default: the last 30 days)
     * or month ({@code interval=month}, default: the last 12 months), zeros included.
     */
    @GET
    @Path("usage/series")
    @RequiresScopes("entitlements:read")
    public JsonObject series(@QueryParam("feature") String feature, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("interval") String interval) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (feature == null || feature.isBlank()) {
            errors.put("feature", List.of("is required."));
        } else if (entitlements.catalog().feature(feature).isEmpty()) {
            errors.put("feature", List.of("is not a feature of the plan catalog."));
        }
        UsageSeries.Interval step = null;
        if (interval == null || interval.equals("day")) {
            step = UsageSeries.Interval.DAY;
        } else if (interval.equals("month")) {
            step = UsageSeries.Interval.MONTH;
        } else {
            errors.put("interval", List.of("must be day or month."));
        }
        LocalDate last = date(to, "to", errors);
        LocalDate first = date(from, "from", errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        last = last != null ? last : today;
        if (first == null) {
            first = step == UsageSeries.Interval.DAY ? last.minusDays(29) : YearMonth.from(last).minusMonths(11).atDay(1);
        }
        if (first.isAfter(last)) {
            throw ApiException.validation("from", "must not be after to.");
        }
        if (step == UsageSeries.Interval.DAY && ChronoUnit.DAYS.between(first, last) >= UsageSeries.MAX_DAYS) {
            throw ApiException.validation("from", "is too far from to: at most " + UsageSeries.MAX_DAYS + " days.");
        }
        if (step == UsageSeries.Interval.MONTH
                && ChronoUnit.MONTHS.between(YearMonth.from(first), YearMonth.from(last)) >= UsageSeries.MAX_MONTHS) {
            throw ApiException.validation("from", "is too far from to: at most " + UsageSeries.MAX_MONTHS + " months.");
        }
        long workspaceId = tenancy.workspaceId();
        List<UsageSeries.Point> points = UsageSeries.of(usageStore.daily(workspaceId, feature, first, last), first, last, step);
        return Bodies.data(new EntitlementViews.UsageSeries(feature, step.name().toLowerCase(Locale.ROOT), first, last,
                points.stream().map(p -> new EntitlementViews.UsageSeriesPoint(p.start(), p.quantity())).toList()));
    }

    private static LocalDate date(String text, String field, Map<String, List<String>> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            errors.put(field, List.of("must be a date like 2026-01-31."));
            return null;
        }
    }

    @GET
    @Path("summary")
    @RequiresScopes("entitlements:read")
    public JsonObject summary() {
        Workspace w = tenancy.workspace();
        return Bodies.data(EntitlementViews.EntitlementSummary.from(entitlements.summary(w.id(), w.tier())));
    }

    @GET
    @Path("overrides")
    @RequiresScopes("entitlements:read")
    public JsonObject overrides() {
        long workspaceId = tenancy.workspaceId();
        return Bodies.data(entitlements.overrides(workspaceId).stream().map(EntitlementViews.LimitOverride::from).toList());
    }

    @PUT
    @Path("overrides/{feature}")
    @RequiresScopes("entitlements:write")
    @RootOnly("override a workspace's limits")
    public JsonObject setOverride(@PathParam("feature") String feature, JsonBody body) {
        Caller caller = tenancy.caller();
        body.allowOnly("type", "limit");
        body.require("type");
        String typeName = body.string("type").orElse(null);
        LimitType type = null;
        if (typeName != null) {
            try {
                type = LimitType.valueOf(typeName.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                body.error("type", "must be hard, soft or unlimited.");
            }
        }
        Long limit = body.integer("limit").orElse(null);
        if (type != null && type != LimitType.UNLIMITED && limit == null) {
            body.error("limit", "is required unless the type is unlimited.");
        }
        body.validate();
        long workspaceId = tenancy.workspaceId();
        LimitOverride saved = entitlements.setOverride(workspaceId, feature, type, limit == null ? 0 : limit, caller.keyId());
        cacheChanges.overrideChanged(workspaceId, saved.feature());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("feature", saved.feature());
        details.put("type", saved.type().name().toLowerCase(Locale.ROOT));
        details.put("limit", Long.toString(saved.limit()));
        auditEvent("entitlement.override_set", workspaceId, caller, details);
        return Bodies.message("Override saved.", EntitlementViews.LimitOverride.from(saved));
    }

    @DELETE
    @Path("overrides/{feature}")
    @RequiresScopes("entitlements:write")
    @RootOnly("override a workspace's limits")
    public Response removeOverride(@PathParam("feature") String feature) {
        Caller caller = tenancy.caller();
        long workspaceId = tenancy.workspaceId();
        entitlements.removeOverride(workspaceId, feature);
        cacheChanges.overrideChanged(workspaceId, feature);
        auditEvent("entitlement.override_removed", workspaceId, caller, Map.of("feature", feature));
        return Response.noContent().build();
    }

    /** Root only: corrects the current period's usage by a signed delta, with a reason, audited. */
    @POST
    @Path("adjustments")
    @RequiresScopes("entitlements:write")
    @RootOnly("adjust usage")
    public JsonObject adjust(JsonBody body) {
        Caller caller = tenancy.caller();
        body.allowOnly("feature", "delta", "reason");
        body.require("feature", "delta", "reason");
        String feature = body.string("feature").orElse(null);
        long delta = body.integer("delta").orElse(0L);
        String reason = body.string("reason").orElse("");
        if (body.has("delta") && delta == 0) {
            body.error("delta", "must not be 0.");
        }
        if (Math.abs(delta) > 1_000_000_000_000_000L) {
            body.error("delta", "is out of range.");
        }
        if (reason.isBlank() || reason.length() > 500) {
            body.error("reason", "must be 1 to 500 characters.");
        }
        body.validate();
        Workspace w = tenancy.workspace();
        long used = entitlements.adjustUsage(w.id(), feature, delta);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("feature", feature);
        details.put("delta", Long.toString(delta));
        details.put("used_after", Long.toString(used));
        details.put("reason", reason);
        auditEvent("entitlement.usage_adjusted", w.id(), caller, details);
        return Bodies.message("Usage adjusted.", new EntitlementViews.UsageAdjusted(feature, delta, used, reason));
    }

    private void auditEvent(String type, long workspaceId, Caller caller, Map<String, String> details) {
        audit.record(new AuditEvent(type, workspaceId, caller.keyId(), null, null, caller.requestId(), clock.instant(), details));
    }

    private static long parseQuantity(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw ApiException.validation("quantity", "must be a positive integer.");
        }
    }
}
