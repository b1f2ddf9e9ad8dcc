package dev.gatehouse.seo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.errors.ValidationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreDropTest {

    private static final ScoreThresholds DROP_10 = ScoreThresholds.DEFAULT;

    @Test
    void between_dropOfThreshold_isARegression() {
        var drops = ScoreDrop.between(Map.of(Category.SEO, 92), Map.of(Category.SEO, 82), DROP_10);

        assertThat(drops).containsExactly(new ScoreDrop(Category.SEO, 82, 92, false, 10));
    }

    @Test
    void between_smallerDrop_isNone() {
        assertThat(ScoreDrop.between(Map.of(Category.SEO, 92), Map.of(Category.SEO, 83), DROP_10)).isEmpty();
    }

    @Test
    void between_firstReport_onlyTheMinimumCounts() {
        var thresholds = new ScoreThresholds(90, 10);

        assertThat(ScoreDrop.between(Map.of(), Map.of(Category.PERFORMANCE, 40, Category.SEO, 95), thresholds))
            .containsExactly(new ScoreDrop(Category.PERFORMANCE, 40, null, true, 0));
    }

    @Test
    void between_fallingBelowMinimum_firesOnceNotWhileStayingBelow() {
        var thresholds = new ScoreThresholds(90, 50);

        assertThat(ScoreDrop.between(Map.of(Category.SEO, 91), Map.of(Category.SEO, 89), thresholds)).hasSize(1);
        assertThat(ScoreDrop.between(Map.of(Category.SEO, 89), Map.of(Category.SEO, 85), thresholds)).isEmpty();
    }

    @Test
    void between_categoryMissingNow_isNone() {
        assertThat(ScoreDrop.between(Map.of(Category.PERFORMANCE, 99), Map.of(Category.SEO, 80), DROP_10)).isEmpty();
    }

    @Test
    void thresholds_outOfRange_areRefused() {
        assertThatThrownBy(() -> new ScoreThresholds(101, 10)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new ScoreThresholds(0, 0)).isInstanceOf(ValidationException.class);
    }
}
