package dev.gatehouse.seo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A category whose score regressed in a report.
 *
 * @param category      the category
 * @param score         its score in the report
 * @param previousScore its score in the page's previous report, or null when there is none
 * @param belowMinimum  whether it fell below the minimum
 * @param droppedBy     points lost since the previous report (0 when it did not drop by the threshold)
 */
public record ScoreDrop(Category category, int score, Integer previousScore, boolean belowMinimum, int droppedBy) {

    /**
     * Compares a report's scores with the page's previous report.
     *
     * @param previous   the previous report's scores (empty when there is none)
     * @param current    the report's scores
     * @param thresholds the workspace's thresholds
     * @return the categories that regressed, in category order
     */
    public static List<ScoreDrop> between(Map<Category, Integer> previous, Map<Category, Integer> current,
                                          ScoreThresholds thresholds) {
        List<ScoreDrop> out = new ArrayList<>();
        for (Category category : Category.values()) {
            Integer score = current.get(category);
            if (score == null) {
                continue;
            }
            Integer before = previous.get(category);
            int min = thresholds.minimumScore();
            boolean belowMinimum = min > 0 && score < min && (before == null || before >= min);
            int dropped = before == null ? 0 : before - score;
            boolean droppedEnough = dropped >= thresholds.dropPoints();
            if (belowMinimum || droppedEnough) {
                out.add(new ScoreDrop(category, score, before, belowMinimum, droppedEnough ? dropped : 0));
            }
        }
        return out;
    }
}
