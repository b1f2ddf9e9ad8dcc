package dev.gatehouse.seo;

import dev.gatehouse.errors.ValidationException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads a posted report, recognising its shape: seed 001's body, a Lighthouse result (LHR), a
 * PageSpeed Insights v5 response or a Lighthouse CI run. The body arrives as parsed JSON: maps,
 * lists, strings, numbers, booleans and nulls, as the container's JSON parser gives them.
 *
 * <pre>{@code
 * ReportReader reader = new ReportReader(text -> myJsonParser.parse(text));
 * SeoReport report = reader.read(body);   // throws ValidationException naming each bad field
 * }</pre>
 */
public final class ReportReader {

    /** Most issues one report may carry. */
    public static final int MAX_ISSUES = 1000;

    private final Function<String, Object> jsonText;

    /**
     * Creates a reader.
     *
     * @param jsonText parses JSON text into the same maps and lists as the body; used for a Lighthouse
     *                 CI run, whose {@code lhr} is JSON text. It may throw any runtime exception for
     *                 text that is not JSON.
     */
    public ReportReader(Function<String, Object> jsonText) {
        this.jsonText = Objects.requireNonNull(jsonText, "jsonText");
    }

    /**
     * Reads a report of any known shape.
     *
     * @param body the request body as a map
     * @return the report
     * @throws ValidationException when the shape is unknown or a field is wrong
     */
    public SeoReport read(Map<String, ?> body) {
        Objects.requireNonNull(body, "body");
        if (body.containsKey("lighthouseResult")) {
            return LighthouseMapper.map(lhr(body.get("lighthouseResult"), "lighthouseResult"), ReportSource.PAGESPEED,
                "lighthouseResult.", text(body.get("id")));
        }
        if (body.containsKey("lhr")) {
            Object lhr = body.get("lhr");
            if (lhr instanceof String text) {
                try {
                    lhr = jsonText.apply(text);
                } catch (RuntimeException e) {
                    throw new ValidationException("lhr", "is not valid JSON text of a Lighthouse result.");
                }
            }
            return LighthouseMapper.map(lhr(lhr, "lhr"), ReportSource.LIGHTHOUSE_CI, "lhr.", text(body.get("url")));
        }
        if (body.containsKey("audits") || body.containsKey("lighthouseVersion")) {
            return LighthouseMapper.map(body, ReportSource.LIGHTHOUSE, "", null);
        }
        if (body.containsKey("url")) {
            return SeedReportMapper.map(body);
        }
        throw new ValidationException("body", "is not a report Gatehouse recognises: send {\"url\", \"scores\","
            + " \"issues\"}, a Lighthouse result (lighthouseVersion, categories, audits), a PageSpeed Insights v5"
            + " response (lighthouseResult) or a Lighthouse CI run (lhr).");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> lhr(Object value, String field) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, ?>) map;
        }
        throw new ValidationException(field, "must be a Lighthouse result object.");
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }
}
