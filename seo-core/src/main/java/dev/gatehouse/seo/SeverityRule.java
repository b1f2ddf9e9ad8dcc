package dev.gatehouse.seo;

/**
 * The severity of a failed Lighthouse audit, from its score (0–1) and its weight (the most any
 * category gives it). Lighthouse's accessibility weights follow axe's impact (critical 10,
 * serious 7, moderate 3, minor 1); its performance metrics weigh 10 to 30; other audits weigh 0–5,
 * and diagnostics that count toward no score weigh 0.
 *
 * <ul>
 *   <li>{@code error}: weight 7 or more and score below 0.5 — a heavy audit failed outright;</li>
 *   <li>{@code warning}: any other audit that counts toward a category score (weight above 0);</li>
 *   <li>{@code notice}: an audit that counts toward no score.</li>
 * </ul>
 * An audit fails when its score is below 0.9, Lighthouse's own pass mark.
 */
final class SeverityRule {

    /** Lighthouse shows an audit as passed from this score on. */
    static final double PASS = 0.9;
    static final double ERROR_WEIGHT = 7;
    static final double ERROR_SCORE = 0.5;

    private SeverityRule() {
    }

    static boolean fails(double score) {
        return score < PASS;
    }

    static Severity of(double score, double weight) {
        if (weight >= ERROR_WEIGHT && score < ERROR_SCORE) {
            return Severity.ERROR;
        }
        return weight > 0 ? Severity.WARNING : Severity.NOTICE;
    }
}
