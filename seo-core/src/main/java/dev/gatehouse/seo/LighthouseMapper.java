package dev.gatehouse.seo;

import dev.gatehouse.errors.FieldErrors;
import dev.gatehouse.errors.ValidationException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Lighthouse result (v6 and later: {@code categories.*.score} 0–1 with {@code auditRefs}, and
 * {@code audits.*} with {@code score} and {@code scoreDisplayMode}) as a report: category scores × 100
 * and one issue per failed audit, its element the selectors of the nodes the audit lists.
 */
final class LighthouseMapper {

    /** Audits scored in these modes can fail; manual, informative, notApplicable and error ones cannot. */
    private static final Set<String> SCORED = Set.of("binary", "numeric", "metricSavings");
    private static final int MAX_SELECTORS = 50;

    private LighthouseMapper() {
    }

    /**
     * @param lhr         the Lighthouse result
     * @param prefix      how its fields are named in errors ({@code lighthouseResult.})
     * @param fallbackUrl the page's URL from the envelope, used when the result names none
     */
    static SeoReport map(Map<String, ?> lhr, ReportSource source, String prefix, String fallbackUrl) {
        FieldErrors problems = new FieldErrors();
        if (lhr.get("runtimeError") instanceof Map<?, ?> error && error.get("code") != null
            && !"NO_ERROR".equals(error.get("code"))) {
            throw new ValidationException(prefix + "runtimeError", "Lighthouse could not audit the page ("
                + String.valueOf(error.get("code")).replaceAll("[^A-Za-z0-9_]", "") + "); nothing to record.");
        }
        String url = firstText(lhr, "finalDisplayedUrl", "finalUrl", "requestedUrl");
        if (url == null) {
            url = fallbackUrl;
        }
        String urlKey = null;
        if (url == null) {
            problems.add(prefix + "finalDisplayedUrl", "is required: the result names no page.");
        } else {
            try {
                urlKey = Fingerprints.urlKey(url);
            } catch (IllegalArgumentException e) {
                problems.add(prefix + "finalDisplayedUrl", e.getMessage() + ".");
            }
        }
        Object rawCategories = lhr.get("categories");
        Object rawAudits = lhr.get("audits");
        if (!(rawCategories instanceof Map<?, ?>)) {
            problems.add(prefix + "categories", rawCategories == null ? "is required." : "must be an object of categories.");
        }
        if (!(rawAudits instanceof Map<?, ?>)) {
            problems.add(prefix + "audits", rawAudits == null ? "is required." : "must be an object of audits.");
        }
        problems.throwIfAny();

        Map<Category, Integer> scores = new EnumMap<>(Category.class);
        Map<String, Double> weights = new HashMap<>();
        Map<String, Set<String>> auditCategories = new HashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) rawCategories).entrySet()) {
            String id = String.valueOf(entry.getKey());
            if (!(entry.getValue() instanceof Map<?, ?> category)) {
                problems.add(prefix + "categories." + id, "must be an object.");
                continue;
            }
            var known = Category.fromLighthouseId(id);
            Object score = category.get("score");
            if (known.isPresent() && score != null) {
                Double value = number(score);
                if (value == null || value < 0 || value > 1) {
                    problems.add(prefix + "categories." + id + ".score", "must be a number from 0 to 1 or null.");
                } else {
                    scores.put(known.get(), (int) Math.round(value * 100));
                }
            }
            if (category.get("auditRefs") instanceof List<?> refs) {
                for (Object r : refs) {
                    if (r instanceof Map<?, ?> ref && ref.get("id") instanceof String auditId) {
                        Double weight = number(ref.get("weight"));
                        weights.merge(auditId, weight == null ? 0.0 : weight, Math::max);
                        auditCategories.computeIfAbsent(auditId, k -> new TreeSet<>())
                            .add(known.map(Category::apiName).orElse(id));
                    }
                }
            }
        }
        List<SeoIssue> issues = new ArrayList<>();
        Set<String> fingerprints = new LinkedHashSet<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) rawAudits).entrySet()) {
            if (!(entry.getValue() instanceof Map<?, ?> audit)) {
                problems.add(prefix + "audits." + entry.getKey(), "must be an object.");
                continue;
            }
            String id = audit.get("id") instanceof String s ? s : String.valueOf(entry.getKey());
            Double score = number(audit.get("score"));
            if (!SCORED.contains(String.valueOf(audit.get("scoreDisplayMode"))) || score == null || !SeverityRule.fails(score)) {
                continue;
            }
            if (!SeedReportMapper.TYPE.matcher(id).matches()) {
                problems.add(prefix + "audits." + entry.getKey() + ".id", "must be 1 to 100 letters, digits, '_', '.', ':' or '-'.");
                continue;
            }
            double weight = weights.getOrDefault(id, 0.0);
            List<String> selectors = selectors(audit.get("details"));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("source", "lighthouse");
            details.put("score", score);
            details.put("weight", weight);
            details.put("categories", List.copyOf(auditCategories.getOrDefault(id, Set.of())));
            if (audit.get("displayValue") instanceof String display) {
                details.put("display_value", cut(display, 200));
            }
            details.put("nodes", selectors.size());
            String title = audit.get("title") instanceof String t ? cut(t, 500) : null;
            SeoIssue issue = new SeoIssue(id, SeverityRule.of(score, weight),
                String.join(", ", selectors.subList(0, Math.min(MAX_SELECTORS, selectors.size()))), title, details);
            if (urlKey != null && fingerprints.add(issue.fingerprint(urlKey))) {
                issues.add(issue);
            }
        }
        if (issues.size() > ReportReader.MAX_ISSUES) {
            problems.add(prefix + "audits", "hold more than " + ReportReader.MAX_ISSUES + " failed audits.");
        }
        problems.throwIfAny();
        Instant fetchedAt = null;
        if (lhr.get("fetchTime") instanceof String time) {
            try {
                fetchedAt = Instant.parse(time);
            } catch (DateTimeParseException ignored) {
                // informational only; a result with an odd time is still a result
            }
        }
        String version = lhr.get("lighthouseVersion") instanceof String v ? cut(v, 32) : null;
        return new SeoReport(url.trim(), urlKey, source, scores, issues, fetchedAt, version);
    }

    /** The selectors of the nodes an audit's details list, in order, without duplicates. */
    private static List<String> selectors(Object details) {
        Set<String> out = new LinkedHashSet<>();
        if (details instanceof Map<?, ?> d && d.get("items") instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> row) {
                    Object node = row.get("node");
                    if (node instanceof Map<?, ?> n && n.get("selector") instanceof String selector && !selector.isBlank()) {
                        out.add(selector);
                    } else if ("node".equals(row.get("type")) && row.get("selector") instanceof String selector && !selector.isBlank()) {
                        out.add(selector);
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static String firstText(Map<String, ?> map, String... fields) {
        for (String field : fields) {
            if (map.get(field) instanceof String s && !s.isBlank()) {
                return s;
            }
        }
        return null;
    }

    private static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
