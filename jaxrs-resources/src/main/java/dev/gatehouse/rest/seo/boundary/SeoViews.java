package dev.gatehouse.rest.seo.boundary;

import dev.gatehouse.rest.platform.boundary.ApiException;
import dev.gatehouse.rest.platform.boundary.ListSpec;
import dev.gatehouse.rest.seo.control.SeoStore;
import dev.gatehouse.rest.seo.entity.SeoIssueEntity;
import dev.gatehouse.rest.seo.entity.SeoReportEntity;
import dev.gatehouse.seo.Category;
import dev.gatehouse.seo.Fingerprints;
import dev.gatehouse.seo.IssueStatus;
import dev.gatehouse.seo.ReportSource;
import dev.gatehouse.seo.Severity;
import jakarta.json.Json;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The SEO resources' JSON shapes and list specifications. */
final class SeoViews {

    static final Set<String> ISSUE_FIELDS = Set.of("id", "url", "issue_type", "severity", "element", "title", "details",
            "status", "occurrences", "first_seen_at", "last_seen_at", "resolved_at", "first_report_id", "last_report_id",
            "created_at", "updated_at");

    static final Set<String> REPORT_FIELDS = Set.of("id", "url", "source", "scores", "issue_count", "new_issues",
            "fixed_issues", "lighthouse_version", "fetched_at", "created_at");

    static final ListSpec ISSUES = ListSpec.builder()
            .sort("id", "e.id").sort("created_at", "e.createdAt").sort("first_seen_at", "e.firstSeenAt")
            .sort("last_seen_at", "e.lastSeenAt").sort("occurrences", "e.occurrences").sort("url", "e.urlKey")
            .sort("issue_type", "e.type").sort("status", "e.status").sort("severity", "e.severity")
            .search("e.type", "e.title", "e.urlKey", "e.element")
            .filter("severity", (value, params) -> {
                params.put("severities", values(value, v -> Severity.fromApiName(v).map(Severity::apiName).orElse(null),
                        "must be error, warning or notice (comma-separated)."));
                return "e.severity in :severities";
            })
            .filter("status", (value, params) -> {
                params.put("statuses", values(value, v -> IssueStatus.fromApiName(v).map(IssueStatus::name).orElse(null),
                        "must be open, resolved, reopened or ignored (comma-separated)."));
                return "e.status in :statuses";
            })
            .filter("type", (value, params) -> {
                if (!value.matches("[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}")) {
                    throw ApiException.validation("type", "must be an issue type such as image-alt or missing_alt.");
                }
                params.put("type", value);
                return "e.type = :type";
            })
            .filter("url", (value, params) -> {
                params.put("url", urlKey(value));
                return "e.urlKey = :url";
            })
            .filter("url_prefix", (value, params) -> {
                params.put("urlPrefix", like(urlKey(value)));
                return "e.urlKey like :urlPrefix escape '\\'";
            })
            .filter("last_seen_after", (value, params) -> {
                params.put("lastSeenAfter", instant(value, "last_seen_after"));
                return "e.lastSeenAt > :lastSeenAfter";
            })
            .filter("last_seen_before", (value, params) -> {
                params.put("lastSeenBefore", instant(value, "last_seen_before"));
                return "e.lastSeenAt < :lastSeenBefore";
            })
            .fields(ISSUE_FIELDS)
            .defaultSort("-last_seen_at")
            .build();

    static final ListSpec REPORTS = ListSpec.builder()
            .sort("id", "e.id").sort("created_at", "e.createdAt").sort("url", "e.urlKey")
            .filter("url", (value, params) -> {
                params.put("url", urlKey(value));
                return "e.urlKey = :url";
            })
            .filter("url_prefix", (value, params) -> {
                params.put("urlPrefix", like(urlKey(value)));
                return "e.urlKey like :urlPrefix escape '\\'";
            })
            .filter("source", (value, params) -> {
                for (ReportSource s : ReportSource.values()) {
                    if (s.apiName().equals(value)) {
                        params.put("source", value);
                        return "e.source = :source";
                    }
                }
                throw ApiException.validation("source", "must be report, lighthouse, pagespeed or lighthouse_ci.");
            })
            .fields(REPORT_FIELDS)
            .noUpdatedAt()
            .build();

    private SeoViews() {
    }

    static Map<String, Object> issue(SeoIssueEntity e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id);
        m.put("url", e.url);
        m.put("issue_type", e.type);
        m.put("severity", e.severity);
        m.put("element", e.element.isEmpty() ? null : e.element);
        m.put("title", e.title);
        m.put("details", Json.createReader(new StringReader(e.details)).readObject());
        m.put("status", e.status.toLowerCase(Locale.ROOT));
        m.put("occurrences", e.occurrences);
        m.put("first_seen_at", e.firstSeenAt);
        m.put("last_seen_at", e.lastSeenAt);
        m.put("resolved_at", e.resolvedAt);
        m.put("first_report_id", e.firstReportId);
        m.put("last_report_id", e.lastReportId);
        m.put("created_at", e.createdAt);
        m.put("updated_at", e.updatedAt);
        return m;
    }

    static Map<String, Object> report(SeoReportEntity e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id);
        m.put("url", e.url);
        m.put("source", e.source);
        m.put("scores", scores(e, Set.of(Category.values())));
        m.put("issue_count", e.issueCount);
        m.put("new_issues", e.newIssues);
        m.put("fixed_issues", e.fixedIssues);
        m.put("lighthouse_version", e.lighthouseVersion);
        m.put("fetched_at", e.fetchedAt);
        m.put("created_at", e.createdAt);
        return m;
    }

    static Map<String, Object> trend(String urlKey, Set<Category> categories, List<SeoReportEntity> reports) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (SeoReportEntity r : reports) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("report_id", r.id);
            p.put("created_at", r.createdAt);
            p.put("scores", scores(r, categories));
            points.add(p);
        }
        Map<String, Object> change = new LinkedHashMap<>();
        if (!reports.isEmpty()) {
            var first = SeoStore.scores(reports.get(0));
            var last = SeoStore.scores(reports.get(reports.size() - 1));
            for (Category c : categories) {
                change.put(c.apiName(), first.containsKey(c) && last.containsKey(c) ? last.get(c) - first.get(c) : null);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", urlKey);
        m.put("categories", categories.stream().map(Category::apiName).toList());
        m.put("points", points);
        m.put("change", change);
        return m;
    }

    private static Map<String, Object> scores(SeoReportEntity e, Set<Category> categories) {
        Map<Category, Integer> all = SeoStore.scores(e);
        Map<String, Object> m = new LinkedHashMap<>();
        for (Category c : Category.values()) {
            if (categories.contains(c)) {
                m.put(c.apiName(), all.get(c));
            }
        }
        return m;
    }

    private static List<String> values(String value, java.util.function.Function<String, String> parse, String message) {
        List<String> out = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String parsed = parse.apply(part.trim());
            if (parsed == null) {
                throw new ApiException(422, "validation_failed", message);
            }
            out.add(parsed);
        }
        return out;
    }

    private static String urlKey(String value) {
        try {
            return Fingerprints.urlKey(value);
        } catch (IllegalArgumentException e) {
            throw new ApiException(422, "validation_failed", e.getMessage() + ".");
        }
    }

    private static String like(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static Instant instant(String value, String field) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Instant instant = instant(value, field, errors);
        if (!errors.isEmpty()) {
            throw new ApiException(422, "validation_failed", errors.get(field).get(0));
        }
        return instant;
    }

    /** An ISO-8601 date or date-time with a zone; null for null; records an error otherwise. */
    static Instant instant(String value, String field, Map<String, List<String>> errors) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException notADateTime) {
            try {
                return LocalDate.parse(value.trim()).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notADate) {
                errors.put(field, List.of("must be an ISO-8601 date (2026-01-15) or date-time with a time zone"
                        + " (2026-01-15T10:30:00Z)."));
                return null;
            }
        }
    }
}
