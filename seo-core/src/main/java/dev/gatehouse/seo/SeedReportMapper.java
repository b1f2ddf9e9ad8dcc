package dev.gatehouse.seo;

import dev.gatehouse.errors.FieldErrors;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Seed 001's body: {@code {"url", "scores": {"performance": 85, …}, "issues": [{"type", "severity", "element"}]}}. */
final class SeedReportMapper {

    private static final Set<String> FIELDS = Set.of("url", "scores", "issues");
    private static final Set<String> ISSUE_FIELDS = Set.of("type", "severity", "element", "title", "details");
    static final Pattern TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}");

    private SeedReportMapper() {
    }

    static SeoReport map(Map<String, ?> body) {
        FieldErrors problems = new FieldErrors();
        for (String field : body.keySet()) {
            if (!FIELDS.contains(field)) {
                problems.add(field, "is not a known field; expected url, scores, issues.");
            }
        }
        String url = null;
        String urlKey = null;
        if (body.get("url") instanceof String s) {
            try {
                urlKey = Fingerprints.urlKey(s);
                url = s.trim();
            } catch (IllegalArgumentException e) {
                problems.add("url", e.getMessage() + ".");
            }
        } else {
            problems.add("url", body.get("url") == null ? "is required." : "must be a string.");
        }
        Map<Category, Integer> scores = new EnumMap<>(Category.class);
        Object rawScores = body.get("scores");
        if (rawScores instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                String name = String.valueOf(key);
                var category = Category.fromApiName(name);
                if (category.isEmpty()) {
                    problems.add("scores." + name, "is not a category; expected performance, accessibility, best_practices, seo.");
                } else if (value != null) {
                    Integer score = score(value);
                    if (score == null) {
                        problems.add("scores." + name, "must be an integer from 0 to 100.");
                    } else {
                        scores.put(category.get(), score);
                    }
                }
            });
        } else if (rawScores != null) {
            problems.add("scores", "must be an object of category scores.");
        }
        Map<String, SeoIssue> issues = new LinkedHashMap<>();
        Object rawIssues = body.get("issues");
        if (rawIssues instanceof List<?> list) {
            if (list.size() > ReportReader.MAX_ISSUES) {
                problems.add("issues", "may hold at most " + ReportReader.MAX_ISSUES + " issues.");
            } else {
                for (int i = 0; i < list.size(); i++) {
                    SeoIssue issue = issue(list.get(i), "issues[" + i + "]", problems);
                    if (issue != null && urlKey != null) {
                        issues.putIfAbsent(issue.fingerprint(urlKey), issue);
                    }
                }
            }
        } else if (rawIssues != null) {
            problems.add("issues", "must be an array of issues.");
        }
        if (rawScores == null && rawIssues == null && problems.isEmpty()) {
            problems.add("scores", "or issues is required: a report without either says nothing.");
        }
        problems.throwIfAny();
        return new SeoReport(url, urlKey, ReportSource.REPORT, scores, new ArrayList<>(issues.values()), null, null);
    }

    private static SeoIssue issue(Object raw, String at, FieldErrors problems) {
        if (!(raw instanceof Map<?, ?> map)) {
            problems.add(at, "must be an object with type, severity and element.");
            return null;
        }
        boolean ok = true;
        for (Object field : map.keySet()) {
            if (!ISSUE_FIELDS.contains(String.valueOf(field))) {
                problems.add(at + "." + field, "is not a known field; expected type, severity, element, title, details.");
                ok = false;
            }
        }
        String type = null;
        if (map.get("type") instanceof String s && TYPE.matcher(s).matches()) {
            type = s;
        } else {
            problems.add(at + ".type", map.get("type") == null ? "is required."
                : "must be 1 to 100 letters, digits, '_', '.', ':' or '-', such as missing_alt.");
            ok = false;
        }
        Severity severity = null;
        if (map.get("severity") instanceof String s && Severity.fromApiName(s).isPresent()) {
            severity = Severity.fromApiName(s).get();
        } else {
            problems.add(at + ".severity", map.get("severity") == null ? "is required." : "must be error, warning or notice.");
            ok = false;
        }
        String element = optionalText(map.get("element"), at + ".element", Fingerprints.MAX_ELEMENT_LENGTH, problems);
        String title = optionalText(map.get("title"), at + ".title", 500, problems);
        Object details = map.get("details");
        if (details != null && !(details instanceof Map<?, ?>)) {
            problems.add(at + ".details", "must be an object.");
            ok = false;
        }
        if (!ok || element == null && map.get("element") != null || title == null && map.get("title") != null) {
            return null;
        }
        Map<String, Object> detailMap = new LinkedHashMap<>();
        if (details instanceof Map<?, ?> d) {
            d.forEach((k, v) -> detailMap.put(String.valueOf(k), v));
        }
        return new SeoIssue(type, severity, element, title, detailMap);
    }

    private static String optionalText(Object value, String field, int max, FieldErrors problems) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s && s.length() <= max) {
            return s;
        }
        problems.add(field, "must be a string of at most " + max + " characters.");
        return null;
    }

    private static Integer score(Object value) {
        if (!(value instanceof Number n)) {
            return null;
        }
        BigDecimal d = new BigDecimal(n.toString());
        try {
            int score = d.intValueExact();
            return score >= 0 && score <= 100 ? score : null;
        } catch (ArithmeticException notAnInteger) {
            return null;
        }
    }
}
