package dev.gatehouse.rest.seo.control;

import dev.gatehouse.rest.seo.entity.SeoSettingsEntity;
import dev.gatehouse.seo.ScoreThresholds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A workspace's regression thresholds: its own ({@code PUT /seo/settings}) where it set them, else
 * the deployment's ({@code gatehouse.seo.min-score}, {@code gatehouse.seo.score-drop-points}), else
 * the core's defaults ({@link ScoreThresholds#DEFAULT}: no minimum, 10 points).
 */
@ApplicationScoped
public class SeoThresholdSettings {

    @Inject
    @ConfigProperty(name = "gatehouse.seo.min-score")
    Optional<Integer> minScore;

    @Inject
    @ConfigProperty(name = "gatehouse.seo.score-drop-points")
    Optional<Integer> scoreDropPoints;

    @Inject
    SeoStore store;

    public SeoThresholdSettings() {
    }

    public SeoThresholdSettings(Optional<Integer> minScore, Optional<Integer> scoreDropPoints) {
        this.minScore = minScore;
        this.scoreDropPoints = scoreDropPoints;
    }

    /** The deployment's thresholds; a value out of range fails naming the setting. */
    public ScoreThresholds deployment() {
        return new ScoreThresholds(minScore.orElse(ScoreThresholds.DEFAULT.minimumScore()),
                scoreDropPoints.orElse(ScoreThresholds.DEFAULT.dropPoints()));
    }

    /** The thresholds that apply to a workspace. */
    public ScoreThresholds of(long workspaceId) {
        return of(store.settings(workspaceId).orElse(null));
    }

    /** The thresholds that apply given a workspace's own settings row (null for none). */
    public ScoreThresholds of(SeoSettingsEntity own) {
        ScoreThresholds d = deployment();
        if (own == null) {
            return d;
        }
        return new ScoreThresholds(own.minScore != null ? own.minScore : d.minimumScore(),
                own.scoreDropPoints != null ? own.scoreDropPoints : d.dropPoints());
    }
}
