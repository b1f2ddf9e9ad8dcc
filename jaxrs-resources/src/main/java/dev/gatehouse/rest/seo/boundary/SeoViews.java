package dev.gatehouse.rest.seo.boundary;

import dev.gatehouse.rest.platform.boundary.ApiException;
import dev.gatehouse.rest.platform.boundary.ListQuery;
import dev.gatehouse.rest.platform.boundary.ListSpec;
import dev.gatehouse.rest.platform.boundary.Wire;
import dev.gatehouse.rest.platform.boundary.Wire.Doc;
import dev.gatehouse.rest.platform.boundary.Wire.Nullable;
import dev.gatehouse.rest.platform.boundary.Wire.Range;
import dev.gatehouse.rest.platform.boundary.Wire.Values;
import dev.gatehouse.rest.seo.control.SeoStore;
import dev.gatehouse.rest.seo.entity.SeoIssueEntity;
import dev.gatehouse.rest.seo.entity.SeoReportEntity;
import dev.gatehouse.seo.Category;
import dev.gatehouse.seo.Fingerprints;
import dev.gatehouse.seo.IssueStatus;
import dev.gatehouse.seo.ReportSource;
import dev.gatehouse.seo.Severity;
import jakarta.json.Json;
import jakarta.json.JsonObject;
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
import java.util.Optional;
import java.util.Set;

/** The SEO resources' JSON shapes, as response records (see {@link Wire}), and list specifications. */
final class SeoViews {

    static final ListSpec ISSUES = ListSpec.builder()
            .sort("id", "e.id").sort("created_at", "e.createdAt").sort("first_seen_at", "e.firstSeenAt")
            .sort("last_seen_at", "e.lastSeenAt").sort("occurrences", "e.occurrences").sort("url", "e.urlKey")
            .sort("issue_type", "e.type").sort("status", "e.status").sort("severity", "e.severity")
            .search("e.type", "e.title", "e.urlKey", "e.element")
            .filter("severity", value -> {
                List<String> severities = values(value, v -> Severity.fromApiName(v).map(Severity::apiName).orElse(null),
                        "must be error, warning or notice (comma-separated).");
                return (cb, e) -> e.get("severity").in(severities);
            })
            .filter("status", value -> {
                List<String> statuses = values(value, v -> IssueStatus.fromApiName(v).map(IssueStatus::name).orElse(null),
                        "must be open, resolved, reopened or ignored (comma-separated).");
                return (cb, e) -> e.get("status").in(statuses);
            })
            .filter("type", value -> {
                if (!value.matches("[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}")) {
                    throw ApiException.validation("type", "must be an issue type such as image-alt or missing_alt.");
                }
                return (cb, e) -> cb.equal(e.get("type"), value);
            })
            .filter("url", SeoViews::urlIs)
            .filter("url_prefix", SeoViews::urlStartsWith)
            .filter("last_seen_after", value -> {
                Instant after = instant(value, "last_seen_after");
                return (cb, e) -> cb.greaterThan(e.<Instant>get("lastSeenAt"), after);
            })
            .filter("last_seen_before", value -> {
                Instant before = instant(value, "last_seen_before");
                return (cb, e) -> cb.lessThan(e.<Instant>get("lastSeenAt"), before);
            })
            .fields(Wire.fields(Issue.class))
            .defaultSort("-last_seen_at")
            .build();

    static final ListSpec REPORTS = ListSpec.builder()
            .sort("id", "e.id").sort("created_at", "e.createdAt").sort("url", "e.urlKey")
            .filter("url", SeoViews::urlIs)
            .filter("url_prefix", SeoViews::urlStartsWith)
            .filter("source", value -> {
                for (ReportSource s : ReportSource.values()) {
                    if (s.apiName().equals(value)) {
                        return (cb, e) -> cb.equal(e.get("source"), value);
                    }
                }
                throw ApiException.validation("source", "must be report, lighthouse, pagespeed or lighthouse_ci.");
            })
            .fields(Wire.fields(Report.class))
            .noUpdatedAt()
            .build();

    private SeoViews() {
    }

    @Wire.Schema("SeoIssue")
    record Issue(long id, @Doc(format = "uri") String url,
                 @Doc(value = "The Lighthouse audit id, or the type a seed-shaped report gave.",
                      examples = "[\"image-alt\", \"missing_alt\"]") String issueType,
                 @Values(of = Severity.class) String severity,
                 @Nullable @Doc("The offending elements' CSS selectors as one sorted selector list; null for the page as a whole.")
                 String element,
                 @Nullable String title,
                 @Doc("From the latest report: for Lighthouse, source, score, weight, categories, display_value and nodes.")
                 JsonObject details,
                 @Values(of = IssueStatus.class) String status,
                 @Doc("How many reports of the page had it.") int occurrences, Instant firstSeenAt, Instant lastSeenAt,
                 @Nullable Instant resolvedAt, long firstReportId, long lastReportId, Instant createdAt, Instant updatedAt) {

        static Issue from(SeoIssueEntity e) {
            return new Issue(e.id, e.url, e.type, e.severity, e.element.isEmpty() ? null : e.element, e.title,
                    Json.createReader(new StringReader(e.details)).readObject(), e.status.toLowerCase(Locale.ROOT),
                    e.occurrences, e.firstSeenAt, e.lastSeenAt, e.resolvedAt, e.firstReportId, e.lastReportId, e.createdAt,
                    e.updatedAt);
        }
    }

    @Wire.Schema("SeoReport")
    record Report(long id, @Doc(format = "uri") String url, @Values(of = ReportSource.class) String source, Scores scores,
                  int issueCount,
                  @Doc("Issues this report opened: never seen on the page before, or resolved before and back.") int newIssues,
                  @Doc("Open issues of the page this report no longer has, now resolved.") int fixedIssues,
                  @Nullable String lighthouseVersion, @Nullable Instant fetchedAt, Instant createdAt) {

        static Report from(SeoReportEntity e) {
            return new Report(e.id, e.url, e.source, Scores.from(e), e.issueCount, e.newIssues, e.fixedIssues,
                    e.lighthouseVersion, e.fetchedAt, e.createdAt);
        }
    }

    /** A report as recorded, with its issues. */
    @Wire.Schema("SeoReportRecorded")
    record ReportRecorded(long id, @Doc(format = "uri") String url, @Values(of = ReportSource.class) String source,
                          Scores scores, int issueCount,
                          @Doc("Issues this report opened: never seen on the page before, or resolved before and back.")
                          int newIssues,
                          @Doc("Open issues of the page this report no longer has, now resolved.") int fixedIssues,
                          @Nullable String lighthouseVersion, @Nullable Instant fetchedAt, Instant createdAt,
                          @Doc("The report's issues as de-duplicated and stored, with their status after this report.")
                          List<Issue> issues) {

        static ReportRecorded from(SeoReportEntity report, List<SeoIssueEntity> issues) {
            Report r = Report.from(report);
            return new ReportRecorded(r.id(), r.url(), r.source(), r.scores(), r.issueCount(), r.newIssues(), r.fixedIssues(),
                    r.lighthouseVersion(), r.fetchedAt(), r.createdAt(), issues.stream().map(Issue::from).toList());
        }
    }

    /** The four category scores of a report, 0 to 100, null when the report had none. */
    @Wire.Schema("SeoScores")
    record Scores(@Nullable @Range(min = 0, max = 100) Integer performance,
                  @Nullable @Range(min = 0, max = 100) Integer accessibility,
                  @Nullable @Range(min = 0, max = 100) Integer bestPractices,
                  @Nullable @Range(min = 0, max = 100) Integer seo) {

        static Scores from(SeoReportEntity e) {
            Map<Category, Integer> all = SeoStore.scores(e);
            return new Scores(all.get(Category.PERFORMANCE), all.get(Category.ACCESSIBILITY), all.get(Category.BEST_PRACTICES),
                    all.get(Category.SEO));
        }
    }

    @Wire.Schema("SeoTrend")
    record Trend(String url, List<String> categories, List<TrendPoint> points,
                 @Doc("Last point's score minus the first's, by category.") Map<String, Optional<Integer>> change) {

        static Trend from(String urlKey, Set<Category> categories, List<SeoReportEntity> reports) {
            List<TrendPoint> points = new ArrayList<>();
            for (SeoReportEntity r : reports) {
                points.add(new TrendPoint(r.id, r.createdAt, scores(r, categories)));
            }
            Map<String, Optional<Integer>> change = new LinkedHashMap<>();
            if (!reports.isEmpty()) {
                var first = SeoStore.scores(reports.get(0));
                var last = SeoStore.scores(reports.get(reports.size() - 1));
                for (Category c : categories) {
                    change.put(c.apiName(), Optional.ofNullable(first.containsKey(c) && last.containsKey(c)
                            ? last.get(c) - first.get(c) : null));
                }
            }
            return new Trend(urlKey, categories.stream().map(Category::apiName).toList(), points, change);
        }
    }

    /** One report's scores in the asked categories. */
    @Wire.Schema("SeoTrendPoint")
    record TrendPoint(long reportId, Instant createdAt, Map<String, Optional<Integer>> scores) {
    }

    private static Map<String, Optional<Integer>> scores(SeoReportEntity e, Set<Category> categories) {
        Map<Category, Integer> all = SeoStore.scores(e);
        Map<String, Optional<Integer>> m = new LinkedHashMap<>();
        for (Category c : Category.values()) {
            if (categories.contains(c)) {
                m.put(c.apiName(), Optional.ofNullable(all.get(c)));
            }
        }
        return m;
    }

    @Wire.Schema("SeoSettings")
    record Settings(@Range(min = 0, max = 100)
                    @Doc("A category score below this fires seo.score_dropped when the previous report was not below it; 0 is off.")
                    int minScore,
                    @Range(min = 1, max = 100)
                    @Doc("A category score this many points below the page's previous report fires seo.score_dropped.")
                    int scoreDropPoints,
                    @Doc("The deployment's values (GATEHOUSE_SEO_MIN_SCORE, GATEHOUSE_SEO_SCORE_DROP_POINTS), used where the "
                            + "workspace sets none.") SettingsDefaults defaults) {
    }

    @Wire.Schema("SeoSettingsDefaults")
    record SettingsDefaults(int minScore, int scoreDropPoints) {
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

    /** {@code url=}: the issues or reports of exactly this (normalised) URL. */
    private static ListQuery.Where urlIs(String value) {
        String key = urlKey(value);
        return (cb, e) -> cb.equal(e.get("urlKey"), key);
    }

    /** {@code url_prefix=}: those of every URL that starts with this (normalised) one. */
    private static ListQuery.Where urlStartsWith(String value) {
        String pattern = like(urlKey(value));
        return (cb, e) -> cb.like(e.get("urlKey"), pattern, '\\');
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
