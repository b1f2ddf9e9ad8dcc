package dev.gatehouse.seo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeverityRuleTest {

    @ParameterizedTest(name = "score {0}, weight {1} -> {2}")
    @CsvSource({
          "0,    10, ERROR",    // a critical accessibility audit failed (image-alt)
          "0,    7,  ERROR",    // a serious one (html-has-lang)
          "0.49, 25, ERROR",    // a heavy metric, poor (LCP)
          "0.5,  25, WARNING",  // a heavy metric, needs improvement
          "0.89, 30, WARNING",
          "0,    3,  WARNING",  // a moderate accessibility audit
          "0,    1,  WARNING",  // a minor one, or an SEO audit
          "0,    0,  NOTICE",   // counts toward no score
          "0.5,  0,  NOTICE",
    })
    void of_scoreAndWeight_giveSeverity(double score, double weight, Severity expected) {
        assertThat(SeverityRule.of(score, weight)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0, true", "0.89, true", "0.9, false", "1, false"})
    void fails_belowLighthousePassMark(double score, boolean fails) {
        assertThat(SeverityRule.fails(score)).isEqualTo(fails);
    }
}
