package dev.gatehouse.seo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One problem a report found on its page.
 *
 * @param type     what kind of problem: the Lighthouse audit id ({@code image-alt}) or the caller's own type
 *                 ({@code missing_alt})
 * @param severity how much it matters
 * @param element  the CSS selector(s) of the offending element(s), a selector list in sorted order;
 *                 empty when the problem is the page's as a whole
 * @param title    a line for people, or null
 * @param details  more about it (JSON-compatible values), never null
 */
public record SeoIssue(String type, Severity severity, String element, String title, Map<String, Object> details) {

    /** Checks the fields and normalises the element, so equal issues have equal fingerprints. */
    public SeoIssue {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        element = Fingerprints.element(element);
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /**
     * Returns the issue's fingerprint on a page: equal for the same problem on the same element of
     * the same page in any report.
     *
     * @param urlKey the page's normalised URL ({@link Fingerprints#urlKey})
     * @return 64 hex characters
     */
    public String fingerprint(String urlKey) {
        return Fingerprints.fingerprint(urlKey, type, element);
    }
}
