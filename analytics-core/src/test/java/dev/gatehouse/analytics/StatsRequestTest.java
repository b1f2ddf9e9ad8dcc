package dev.gatehouse.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.errors.ValidationException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsRequestTest {

    private final MutableClock clock = new MutableClock("2026-03-10T12:00:00Z");

    @Test
    void parse_nothing_isThe30DaysToTodayByDay() {
        StatsRequest r = StatsRequest.parse(Map.of(), clock);
        assertThat(r.from()).isEqualTo(LocalDate.parse("2026-02-09"));
        assertThat(r.to()).isEqualTo(LocalDate.parse("2026-03-10"));
        assertThat(r.days()).isEqualTo(30);
        assertThat(r.interval()).isEqualTo(Interval.DAY);
        assertThat(r.sort()).isEqualTo("visitors");
    }

    @Test
    void parse_filtersAndBreakdown() {
        StatsRequest r = StatsRequest.parse(Map.of("filters", "page==/pricing;device==mobile", "breakdown", "source",
            "sort", "pageviews", "per_page", "10"), clock);
        assertThat(r.filters()).containsEntry(Dimension.PAGE, "/pricing").containsEntry(Dimension.DEVICE, "mobile");
        assertThat(r.breakdown()).isEqualTo(Dimension.SOURCE);
        assertThat(r.ascending()).isTrue();
        assertThat(r.perPage()).isEqualTo(10);
    }

    @Test
    void parse_badValues_listsEveryProblem() {
        assertThatThrownBy(() -> StatsRequest.parse(Map.of("interval", "week", "breakdown", "country",
            "filters", "color==red", "sort", "-name", "bogus", "1"), clock))
            .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                .containsKeys("interval", "breakdown", "filters", "sort", "bogus"));
    }

    @Test
    void dimensions_ofTheVisit_areItsAttribution_notPagesOrEvents() {
        assertThat(Arrays.stream(Dimension.values()).filter(Dimension::ofVisit)).containsExactly(Dimension.SOURCE,
            Dimension.UTM_SOURCE, Dimension.UTM_MEDIUM, Dimension.UTM_CAMPAIGN, Dimension.UTM_TERM, Dimension.UTM_CONTENT,
            Dimension.DEVICE);
    }

    @Test
    void parse_hourlyOverAYear_isRefused() {
        assertThatThrownBy(() -> StatsRequest.parse(Map.of("period", "12mo", "interval", "hour"), clock))
            .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsKey("interval"));
    }
}
