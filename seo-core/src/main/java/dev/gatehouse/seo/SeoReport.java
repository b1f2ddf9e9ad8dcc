package dev.gatehouse.seo;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A report of one page, whatever shape it arrived in.
 *
 * @param url               the page as reported
 * @param urlKey            the page's normalised URL, which identifies it across reports
 * @param source            the shape it arrived in
 * @param scores            the categories it scored, 0–100 (a category it did not run is absent)
 * @param issues            what it found, at most one per fingerprint
 * @param fetchedAt         when Lighthouse audited the page, or null
 * @param lighthouseVersion the Lighthouse version, or null
 */
public record SeoReport(String url, String urlKey, ReportSource source, Map<Category, Integer> scores,
                        List<SeoIssue> issues, Instant fetchedAt, String lighthouseVersion) {

    /** Copies the collections. */
    public SeoReport {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(urlKey, "urlKey");
        Objects.requireNonNull(source, "source");
        EnumMap<Category, Integer> copy = new EnumMap<>(Category.class);
        copy.putAll(scores);
        scores = Collections.unmodifiableMap(copy);
        issues = List.copyOf(issues);
    }
}
