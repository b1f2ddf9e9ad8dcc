package dev.gatehouse.seo;

import java.util.Locale;

/** The shape a report arrived in. */
public enum ReportSource {
    /** Seed 001's body: {@code url}, {@code scores}, {@code issues}. */
    REPORT,
    /** A Lighthouse result (LHR), as {@code lighthouse --output=json} writes it. */
    LIGHTHOUSE,
    /** A PageSpeed Insights v5 {@code runPagespeed} response, the LHR in {@code lighthouseResult}. */
    PAGESPEED,
    /** A Lighthouse CI server run, the LHR in {@code lhr} (as JSON text, or as an object). */
    LIGHTHOUSE_CI;

    /**
     * Returns the API name.
     *
     * @return for example {@code lighthouse_ci}
     */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
