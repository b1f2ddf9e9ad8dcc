package dev.gatehouse.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VisitTrackerTest {

    private final VisitTracker visits = new VisitTracker(Duration.ofMinutes(30), 1000, new SplittableRandom(1));
    private final Attribution direct = new Attribution(null, null, null, null, null, null, DeviceClass.DESKTOP);

    private TrackedEvent at(String instant, long today, long yesterday) {
        return new TrackedEvent(1, Instant.parse(instant), new VisitorId(today, yesterday), EventKind.PAGEVIEW, "pageview",
            "example.com", "/", direct, null, false, true);
    }

    @Test
    void assign_within30Minutes_continuesTheVisit() {
        var first = visits.assign(at("2026-03-10T10:00:00Z", 5, 0));
        var second = visits.assign(at("2026-03-10T10:29:00Z", 5, 0));
        assertThat(first.isNew()).isTrue();
        assertThat(second.isNew()).isFalse();
        assertThat(second.id()).isEqualTo(first.id());
    }

    @Test
    void assign_after30Minutes_startsANewVisit() {
        var first = visits.assign(at("2026-03-10T10:00:00Z", 5, 0));
        var later = visits.assign(at("2026-03-10T10:31:00Z", 5, 0));
        assertThat(later.isNew()).isTrue();
        assertThat(later.id()).isNotEqualTo(first.id());
    }

    @Test
    void assign_acrossMidnight_findsTheVisitByYesterdaysId() {
        var before = visits.assign(at("2026-03-10T23:55:00Z", 5, 0));
        var after = visits.assign(at("2026-03-11T00:05:00Z", 9, 5));
        assertThat(after.isNew()).isFalse();
        assertThat(after.id()).isEqualTo(before.id());
    }

    @Test
    void expire_forgetsIdleVisits() {
        visits.assign(at("2026-03-10T10:00:00Z", 5, 0));
        assertThat(visits.expire(Instant.parse("2026-03-10T10:31:00Z"))).isEqualTo(1);
        assertThat(visits.size()).isZero();
    }
}
