package dev.gatehouse.rest.seo.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.entitlements.Concurrently;
import dev.gatehouse.errors.ValidationException;
import dev.gatehouse.rest.seo.entity.SeoIssueEntity;
import dev.gatehouse.rest.seo.entity.SeoReportEntity;
import dev.gatehouse.rest.testing.TestDatabase;
import dev.gatehouse.seo.Category;
import dev.gatehouse.seo.IssueStatus;
import dev.gatehouse.seo.ReportReader;
import dev.gatehouse.seo.ReportSource;
import dev.gatehouse.seo.ScoreDrop;
import dev.gatehouse.seo.ScoreThresholds;
import dev.gatehouse.seo.SeoIssue;
import dev.gatehouse.seo.SeoReport;
import dev.gatehouse.seo.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SeoStore} on a real database, each call in a transaction of its own as the container runs it. */
abstract class SeoStoreContract {

    static final long WS = 31;
    static final long OTHER_WS = 32;
    static final String PAGE = "https://example.com/page";

    /** A clock the test moves forward; nothing sleeps. */
    static final class StepClock extends Clock {
        Instant now = Instant.parse("2026-01-15T10:30:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final StepClock clock = new StepClock();

    abstract TestDatabase database();

    @BeforeEach
    void clean() {
        TestDatabase db = database();
        db.sql("DELETE FROM seo_issues", "DELETE FROM seo_reports", "DELETE FROM seo_pages", "DELETE FROM seo_settings");
        db.workspace(WS, "free");
        db.workspace(OTHER_WS, "free");
    }

    private <T> T store(Function<SeoStore, T> work) {
        return database().inTransaction(em -> work.apply(new SeoStore(em, clock)));
    }

    private SeoStore.Recorded record(long ws, SeoReport report) {
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        return store(s -> s.record(ws, report, ScoreThresholds.DEFAULT));
    }

    private static SeoReport report(String url, Map<Category, Integer> scores, SeoIssue... issues) {
        return new SeoReport(url, dev.gatehouse.seo.Fingerprints.urlKey(url), ReportSource.REPORT, scores,
                Arrays.asList(issues), null, null);
    }

    private static SeoIssue issue(String type, Severity severity, String element) {
        return new SeoIssue(type, severity, element, null, Map.of());
    }

    private Map<String, SeoIssueEntity> issues(long ws) {
        return store(s -> s.em.createQuery("select e from SeoIssueEntity e where e.workspaceId = :ws", SeoIssueEntity.class)
                .setParameter("ws", ws).getResultList()).stream()
                .collect(Collectors.toMap(e -> e.type + "@" + e.element, Function.identity()));
    }

    @Test
    void saveSettings_16FirstSavesAtOnce_allSucceed() throws Exception {
        // Found by the malformed-input sweep: two first saves both inserted and one failed at commit (500).
        List<Integer> saved = Concurrently.run(16, t -> () -> store(s -> s.saveSettings(WS, 50 + t, null)).minScore);

        assertThat(saved).hasSize(16);
        assertThat(store(s -> s.settings(WS)).orElseThrow().minScore).isBetween(50, 65);
    }

    @Test
    void record_firstReport_opensEveryIssue() {
        SeoStore.Recorded r = record(WS, report(PAGE, Map.of(Category.SEO, 90),
                issue("image-alt", Severity.ERROR, "img.a"), issue("meta-description", Severity.WARNING, null)));

        assertThat(r.report().newIssues).isEqualTo(2);
        assertThat(r.report().fixedIssues).isZero();
        assertThat(r.opened()).hasSize(2);
        assertThat(issues(WS).values()).allSatisfy(i -> {
            assertThat(i.status).isEqualTo("OPEN");
            assertThat(i.occurrences).isEqualTo(1);
            assertThat(i.firstReportId).isEqualTo(r.report().id);
        });
    }

    @Test
    void record_newerReportWithoutIssue_resolvesIt() {
        record(WS, report(PAGE, Map.of(), issue("image-alt", Severity.ERROR, "img.a"), issue("x", Severity.NOTICE, "p")));
        SeoStore.Recorded second = record(WS, report(PAGE, Map.of(), issue("x", Severity.NOTICE, "p")));

        assertThat(second.report().fixedIssues).isEqualTo(1);
        assertThat(second.report().newIssues).isZero();
        SeoIssueEntity fixed = issues(WS).get("image-alt@img.a");
        assertThat(fixed.status).isEqualTo("RESOLVED");
        assertThat(fixed.resolvedAt).isEqualTo(clock.now);
        assertThat(issues(WS).get("x@p").occurrences).isEqualTo(2);
    }

    @Test
    void record_resolvedIssueSeenAgain_reopens() {
        SeoIssue alt = issue("image-alt", Severity.ERROR, "img.a");
        record(WS, report(PAGE, Map.of(), alt));
        record(WS, report(PAGE, Map.of()));
        SeoStore.Recorded third = record(WS, report(PAGE, Map.of(), alt));

        SeoIssueEntity e = issues(WS).get("image-alt@img.a");
        assertThat(e.status).isEqualTo("REOPENED");
        assertThat(e.resolvedAt).isNull();
        assertThat(e.occurrences).isEqualTo(2);
        assertThat(e.lastSeenAt).isEqualTo(clock.now);
        assertThat(third.report().newIssues).isEqualTo(1);
        assertThat(third.opened()).extracting(i -> i.type).containsExactly("image-alt");
    }

    @Test
    void record_ignoredIssue_staysIgnoredThroughReports() {
        SeoIssue alt = issue("image-alt", Severity.ERROR, "img.a");
        long id = record(WS, report(PAGE, Map.of(), alt)).issues().get(0).id;
        store(s -> s.setStatus(WS, id, IssueStatus.IGNORED));
        record(WS, report(PAGE, Map.of()));
        SeoStore.Recorded again = record(WS, report(PAGE, Map.of(), alt));

        assertThat(issues(WS).get("image-alt@img.a").status).isEqualTo("IGNORED");
        assertThat(again.opened()).isEmpty();
    }

    @Test
    void record_otherPagesIssues_areLeftAlone() {
        record(WS, report(PAGE, Map.of(), issue("image-alt", Severity.ERROR, "img.a")));
        record(WS, report("https://example.com/other", Map.of()));

        assertThat(issues(WS).get("image-alt@img.a").status).isEqualTo("OPEN");
    }

    @Test
    void record_sameUrlWrittenDifferently_isOnePage() {
        record(WS, report(PAGE, Map.of(), issue("image-alt", Severity.ERROR, "img.a, img.b")));
        SeoStore.Recorded second = record(WS, report("HTTPS://Example.com:443/page/#x", Map.of(),
                issue("image-alt", Severity.ERROR, "img.b,img.a")));

        assertThat(second.report().newIssues).isZero();
        assertThat(issues(WS)).hasSize(1);
    }

    @Test
    void record_scoreDrop_comparesWithThePagesPreviousReport() {
        record(WS, report(PAGE, Map.of(Category.SEO, 95, Category.PERFORMANCE, 90)));
        record(WS, report("https://example.com/other", Map.of(Category.SEO, 10)));
        SeoStore.Recorded r = record(WS, report(PAGE, Map.of(Category.SEO, 85, Category.PERFORMANCE, 89)));

        assertThat(r.drops()).containsExactly(new ScoreDrop(Category.SEO, 85, 95, false, 10));
    }

    @Test
    void setStatus_otherWorkspacesIssue_isNotFound() {
        long id = record(WS, report(PAGE, Map.of(), issue("t", Severity.ERROR, null))).issues().get(0).id;

        Optional<SeoIssueEntity> otherSet = store(s -> s.setStatus(OTHER_WS, id, IssueStatus.IGNORED));
        Optional<SeoIssueEntity> otherGet = store(s -> s.issue(OTHER_WS, id));
        Optional<SeoIssueEntity> ownGet = store(s -> s.issue(WS, id));
        assertThat(otherSet).isEmpty();
        assertThat(otherGet).isEmpty();
        assertThat(ownGet).isPresent();
    }

    @Test
    void setStatus_resolvedByPerson_isRefused() {
        long id = record(WS, report(PAGE, Map.of(), issue("t", Severity.ERROR, null))).issues().get(0).id;

        assertThatThrownBy(() -> store(s -> s.setStatus(WS, id, IssueStatus.RESOLVED)))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void trend_isOldestFirstWithinLimit() {
        for (int score : new int[] {50, 60, 70, 80}) {
            record(WS, report(PAGE, Map.of(Category.SEO, score)));
        }

        List<SeoReportEntity> trend = store(s -> s.trend(WS, PAGE, null, null, 3));

        assertThat(trend).extracting(r -> r.seo).containsExactly(60, 70, 80);
        List<SeoReportEntity> other = store(s -> s.trend(OTHER_WS, PAGE, null, null, 3));
        assertThat(other).isEmpty();
    }

    @Test
    void saveSettings_overridesTheDeploymentsThresholds() {
        store(s -> s.saveSettings(WS, 80, null));
        SeoThresholdSettings settings = new SeoThresholdSettings(java.util.Optional.empty(), java.util.Optional.of(5));

        ScoreThresholds t = settings.of(store(s -> s.settings(WS)).orElseThrow());

        assertThat(t).isEqualTo(new ScoreThresholds(80, 5));
        assertThat(settings.of((dev.gatehouse.rest.seo.entity.SeoSettingsEntity) null)).isEqualTo(new ScoreThresholds(0, 5));
    }

    @Test
    void record_realLighthouseRuns_faultyFixedWorse() throws IOException {
        ReportReader reader = new ReportReader(JsonMaps::parse);
        SeoStore.Recorded faulty = record(WS, reader.read(lhr("lhr-faulty-page.json")));
        SeoStore.Recorded fixed = record(WS, reader.read(lhr("lhr-fixed-page.json")));
        SeoStore.Recorded worse = record(WS, reader.read(lhr("lhr-worse-page.json")));

        assertThat(faulty.opened()).extracting(i -> i.type).contains("image-alt", "html-has-lang", "meta-description");
        assertThat(fixed.report().fixedIssues).isEqualTo(5);
        assertThat(fixed.report().accessibility).isEqualTo(100);
        assertThat(worse.drops()).extracting(d -> d.category()).contains(Category.ACCESSIBILITY, Category.SEO);
        assertThat(issues(WS).get("image-alt@body > img.hero-image").status).isEqualTo("REOPENED");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> lhr(String name) throws IOException {
        try (InputStream in = SeoStoreContract.class.getResourceAsStream("/dev/gatehouse/seo/" + name)) {
            return (Map<String, Object>) JsonMaps.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
