package dev.gatehouse.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.errors.ValidationException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PixelTest {

    static final String CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    static final String HEADLESS = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36";

    private final MutableClock clock = new MutableClock("2026-03-10T12:00:00Z");
    private final Pixel pixel = Pixel.builder().clock(clock)
        .salts(new DailySalts(new InMemorySaltStore(), clock, new SecureRandom()))
        .bots(BotFilter.crawlerUserAgents()).build();
    private final Site site = new Site(7, 1, "Shop", List.of(DomainPattern.parse("example.com")), Set.of(Feature.values()),
        1.0, false, 3, true, Instant.EPOCH, Instant.EPOCH);
    private final SiteDirectory sites = new SiteDirectory(List.of(site,
        new Site(8, 2, "Other", List.of(DomainPattern.parse("other.test")), Set.of(Feature.values()), 1.0, false, 100, true,
            Instant.EPOCH, Instant.EPOCH)));

    private static Hit hit(String event, String url, String origin, String ua) {
        return new Hit(event, url, null, null, null, null, ua, origin, "198.51.100.4", false);
    }

    @Test
    void track_pageview_isAcceptedWithPathSourceCampaignAndDevice() {
        Hit h = new Hit("pageview", "https://www.example.com/pricing?utm_campaign=spring&utm_medium=email&x=1",
            null, "https://news.ycombinator.com/item?id=1", props(), null, CHROME,
            "https://example.com", "198.51.100.4", false);
        Outcome.Accepted a = (Outcome.Accepted) pixel.track(h, sites);
        TrackedEvent e = a.event();
        assertThat(e.siteId()).isEqualTo(7);
        assertThat(e.kind()).isEqualTo(EventKind.PAGEVIEW);
        assertThat(e.pathname()).isEqualTo("/pricing");
        assertThat(e.attribution().source()).isEqualTo("news.ycombinator.com");
        assertThat(e.attribution().utmCampaign()).isEqualTo("spring");
        assertThat(e.attribution().device()).isEqualTo(DeviceClass.DESKTOP);
        assertThat(e.properties()).isEqualTo("{\"plan\":\"pro\",\"n\":3}");
        assertThat(e.toString()).doesNotContain("198.51.100.4");
    }

    private static Map<String, Object> props() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("plan", "pro");
        m.put("n", 3);
        return m;
    }

    @Test
    void track_internalReferrer_isNoSource() {
        Hit h = new Hit("pageview", "https://example.com/b", null, "https://example.com/a", null, null, CHROME, null,
            "198.51.100.4", false);
        assertThat(((Outcome.Accepted) pixel.track(h, sites)).event().attribution().source()).isNull();
    }

    @Test
    void track_unknownSite_isRejected() {
        assertThatThrownBy(() -> pixel.track(hit("pageview", "https://unknown.test/", null, CHROME), sites))
            .isInstanceOfSatisfying(HitRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(HitRejectedException.Reason.UNKNOWN_SITE));
    }

    @Test
    void track_foreignOrigin_isRejected() {
        assertThatThrownBy(() -> pixel.track(hit("pageview", "https://example.com/", "https://other.test", CHROME), sites))
            .isInstanceOfSatisfying(HitRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(HitRejectedException.Reason.FOREIGN_ORIGIN));
    }

    @Test
    void track_dataOrJavascriptUrl_isInvalid() {
        assertThatThrownBy(() -> pixel.track(hit("pageview", "javascript:alert(1)", null, CHROME), sites))
            .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsKey("url"));
        Hit dataReferrer = new Hit("pageview", "https://example.com/", null, "data:text/html,x", null, null, CHROME, null,
            "198.51.100.4", false);
        assertThatThrownBy(() -> pixel.track(dataReferrer, sites))
            .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsKey("referrer"));
    }

    @Test
    void track_tooManyOrNestedProperties_isInvalid() {
        Map<String, Object> many = new HashMap<>();
        for (int i = 0; i < 31; i++) {
            many.put("k" + i, i);
        }
        Hit tooMany = new Hit("signup", "https://example.com/", null, null, many, null, CHROME, null, "198.51.100.4", false);
        assertThatThrownBy(() -> pixel.track(tooMany, sites)).isInstanceOf(ValidationException.class);
        Hit nested = new Hit("signup", "https://example.com/", null, null, Map.of("a", Map.of("b", 1)), null, CHROME, null,
            "198.51.100.4", false);
        assertThatThrownBy(() -> pixel.track(nested, sites))
            .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsKey("properties.a"));
    }

    @Test
    void track_oversizeUrl_isInvalid() {
        String url = "https://example.com/" + "a".repeat(Pixel.MAX_URL);
        assertThatThrownBy(() -> pixel.track(hit("pageview", url, null, CHROME), sites)).isInstanceOf(ValidationException.class);
    }

    @Test
    void track_headlessChrome_isDroppedAsBot() {
        Outcome o = pixel.track(hit("pageview", "https://example.com/", null, HEADLESS), sites);
        assertThat(o).isEqualTo(new Outcome.Dropped("bot", "HeadlessChrome"));
    }

    @Test
    void track_doNotTrack_isDroppedUnlessTheSiteCountsIt() {
        Hit h = new Hit("pageview", "https://example.com/", null, null, null, null, CHROME, null, "198.51.100.4", true);
        assertThat(pixel.track(h, sites)).isEqualTo(new Outcome.Dropped("do_not_track", null));
    }

    @Test
    void track_overTheSiteCeiling_isRefusedUntilTheNextMinute() {
        for (int i = 0; i < 3; i++) {
            assertThat(pixel.track(hit("pageview", "https://example.com/", null, CHROME), sites)).isInstanceOf(Outcome.Accepted.class);
        }
        assertThatThrownBy(() -> pixel.track(hit("pageview", "https://example.com/", null, CHROME), sites))
            .isInstanceOfSatisfying(SiteLimitExceededException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(60));
        clock.advance(java.time.Duration.ofMinutes(1));
        assertThat(pixel.track(hit("pageview", "https://example.com/", null, CHROME), sites)).isInstanceOf(Outcome.Accepted.class);
    }

    @Test
    void track_disabledFeature_isDropped() {
        Site pageviewsOnly = new Site(9, 1, "P", List.of(DomainPattern.parse("p.test")), Set.of(Feature.PAGEVIEWS), 1.0, false,
            100, true, Instant.EPOCH, Instant.EPOCH);
        assertThat(pixel.track(hit("signup", "https://p.test/", null, CHROME), new SiteDirectory(List.of(pageviewsOnly))))
            .isEqualTo(new Outcome.Dropped("feature_disabled", "events"));
    }
}
