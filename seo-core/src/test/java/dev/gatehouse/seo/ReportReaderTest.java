package dev.gatehouse.seo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.errors.ValidationException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReportReaderTest {

    private final ReportReader reader = Fixtures.reader();

    private static Map<String, SeoIssue> byType(SeoReport report) {
        return report.issues().stream().collect(Collectors.toMap(SeoIssue::type, Function.identity()));
    }

    @Test
    void read_realLighthouseResult_scoresTimes100() {
        SeoReport report = reader.read(Fixtures.load("lhr-faulty-page.json"));

        assertThat(report.source()).isEqualTo(ReportSource.LIGHTHOUSE);
        assertThat(report.url()).isEqualTo(Fixtures.PAGE);
        assertThat(report.scores()).isEqualTo(Map.of(Category.PERFORMANCE, 100, Category.ACCESSIBILITY, 69,
            Category.BEST_PRACTICES, 93, Category.SEO, 82));
        assertThat(report.lighthouseVersion()).isEqualTo("12.8.2");
        assertThat(report.fetchedAt()).isBefore(Instant.parse("2027-01-01T00:00:00Z"));
    }

    @Test
    void read_realLighthouseResult_eachFailedAuditIsOneIssue() {
        Map<String, SeoIssue> issues = byType(reader.read(Fixtures.load("lhr-faulty-page.json")));

        assertThat(issues.keySet()).containsExactlyInAnyOrder("image-alt", "html-has-lang", "meta-description",
            "image-size-responsive", "errors-in-console");
        assertThat(issues.get("image-alt").element()).isEqualTo("body > img.hero-image");
        assertThat(issues.get("image-alt").severity()).isEqualTo(Severity.ERROR);
        assertThat(issues.get("image-alt").details()).containsEntry("weight", 10.0)
            .containsEntry("categories", List.of("accessibility", "seo"));
        assertThat(issues.get("html-has-lang").element()).isEqualTo("html");
        assertThat(issues.get("html-has-lang").severity()).isEqualTo(Severity.ERROR);
        assertThat(issues.get("meta-description").element()).isEmpty();
        assertThat(issues.get("meta-description").severity()).isEqualTo(Severity.WARNING);
        assertThat(issues.get("image-size-responsive").severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void read_fixedPage_hasNoAccessibilityOrSeoIssues() {
        SeoReport report = reader.read(Fixtures.load("lhr-fixed-page.json"));

        assertThat(report.scores()).containsEntry(Category.ACCESSIBILITY, 100).containsEntry(Category.SEO, 100);
        assertThat(report.issues()).extracting(SeoIssue::type).doesNotContain("image-alt", "html-has-lang", "meta-description");
        assertThat(report.issues()).allSatisfy(i -> assertThat(i.severity()).isEqualTo(Severity.NOTICE));
    }

    @Test
    void read_worsePage_findsEveryFault() {
        Map<String, SeoIssue> issues = byType(reader.read(Fixtures.load("lhr-worse-page.json")));

        assertThat(issues.keySet()).contains("button-name", "link-name", "color-contrast", "document-title", "is-crawlable");
        assertThat(issues.get("is-crawlable").severity()).isEqualTo(Severity.WARNING);
        assertThat(issues.get("viewport").severity()).isEqualTo(Severity.WARNING);
        assertThat(issues.get("button-name").element()).isEqualTo("body > button.icon");
    }

    @Test
    void read_pageSpeedResponse_mapsItsLighthouseResult() {
        SeoReport psi = reader.read(Fixtures.load("psi-faulty-page.json"));
        SeoReport lhr = reader.read(Fixtures.load("lhr-faulty-page.json"));

        assertThat(psi.source()).isEqualTo(ReportSource.PAGESPEED);
        assertThat(psi.scores()).isEqualTo(lhr.scores());
        assertThat(psi.issues()).isEqualTo(lhr.issues());
    }

    @Test
    void read_lighthouseCiRun_parsesItsLhrText() {
        SeoReport run = reader.read(Fixtures.load("lhci-run-fixed-page.json"));

        assertThat(run.source()).isEqualTo(ReportSource.LIGHTHOUSE_CI);
        assertThat(run.scores()).isEqualTo(reader.read(Fixtures.load("lhr-fixed-page.json")).scores());
        assertThat(run.urlKey()).isEqualTo(Fixtures.PAGE);
    }

    @Test
    void read_lighthouseCiRunWithBrokenLhrText_namesLhr() {
        assertThatThrownBy(() -> reader.read(Map.of("url", Fixtures.PAGE, "lhr", "{not json")))
            .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsOnlyKeys("lhr"));
    }

    @Test
    void read_seedBody_keepsItsScoresAndIssues() {
        SeoReport report = reader.read(Map.of("url", "https://Example.com/page#top",
            "scores", Map.of("performance", 85, "accessibility", 92, "best_practices", 88, "seo", 95),
            "issues", List.of(Map.of("type", "missing_alt", "severity", "warning", "element", "img.hero-image"))));

        assertThat(report.source()).isEqualTo(ReportSource.REPORT);
        assertThat(report.urlKey()).isEqualTo("https://example.com/page");
        assertThat(report.scores()).containsEntry(Category.BEST_PRACTICES, 88).hasSize(4);
        assertThat(report.issues()).singleElement().satisfies(i -> {
            assertThat(i.type()).isEqualTo("missing_alt");
            assertThat(i.severity()).isEqualTo(Severity.WARNING);
            assertThat(i.element()).isEqualTo("img.hero-image");
        });
    }

    @Test
    void read_seedBodyWithDuplicateIssues_keepsOne() {
        Map<String, Object> issue = Map.of("type", "missing_alt", "severity", "warning", "element", "img.a");
        SeoReport report = reader.read(Map.of("url", "https://example.com/", "issues", List.of(issue, issue)));

        assertThat(report.issues()).hasSize(1);
    }

    @Test
    void read_seedBodyWithBadFields_namesEachOne() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", "ftp://example.com/");
        body.put("scores", Map.of("speed", 1, "seo", 101));
        body.put("issues", List.of(Map.of("type", "", "severity", "fatal"), "x"));
        body.put("extra", true);

        assertThatThrownBy(() -> reader.read(body)).isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.errors()).containsOnlyKeys("url", "scores.speed", "scores.seo", "issues[0].type",
                "issues[0].severity", "issues[1]", "extra"));
    }

    @Test
    void read_seedBodyWithoutScoresOrIssues_isRefused() {
        assertThatThrownBy(() -> reader.read(Map.of("url", "https://example.com/")))
            .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsOnlyKeys("scores"));
    }

    @Test
    void read_unknownShape_isRefused() {
        assertThatThrownBy(() -> reader.read(Map.of("hello", "world")))
            .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsOnlyKeys("body"));
    }

    @Test
    void read_lighthouseResultWithWrongTypes_namesTheFields() {
        assertThatThrownBy(() -> reader.read(Map.of("lighthouseVersion", "12.8.2", "audits", List.of(),
            "categories", "none", "requestedUrl", "https://example.com/")))
            .isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).containsOnlyKeys("audits", "categories"));
    }

    @Test
    void read_lighthouseRuntimeError_isRefused() {
        Map<String, Object> lhr = Fixtures.load("lhr-faulty-page.json");
        lhr.put("runtimeError", Map.of("code", "ERRORED_DOCUMENT_REQUEST", "message", "status 500"));

        assertThatThrownBy(() -> reader.read(lhr)).isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.errors()).containsOnlyKeys("runtimeError"));
    }

    @Test
    void read_pageSpeedWithoutObject_isRefused() {
        assertThatThrownBy(() -> reader.read(Map.of("lighthouseResult", "x")))
            .isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).containsOnlyKeys("lighthouseResult"));
    }
}
