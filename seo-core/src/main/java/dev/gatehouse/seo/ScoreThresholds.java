package dev.gatehouse.seo;

import dev.gatehouse.errors.ValidationException;

/**
 * When a report's scores count as a regression ({@code seo.score_dropped}).
 *
 * @param minimumScore a category score below this is a regression when the page's previous report
 *                     was at or above it (or there was none); 0 turns the minimum off
 * @param dropPoints   a category score this many points or more below the page's previous report is
 *                     a regression
 */
public record ScoreThresholds(int minimumScore, int dropPoints) {

    /** The defaults: no minimum, and a drop of 10 points. */
    public static final ScoreThresholds DEFAULT = new ScoreThresholds(0, 10);

    /** Checks the ranges. */
    public ScoreThresholds {
        if (minimumScore < 0 || minimumScore > 100) {
            throw new ValidationException("min_score", "must be an integer from 0 (off) to 100.");
        }
        if (dropPoints < 1 || dropPoints > 100) {
            throw new ValidationException("score_drop_points", "must be an integer from 1 to 100.");
        }
    }
}
