package dev.gatehouse.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DailySaltsTest {

    private static final String UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36";

    private final MutableClock clock = new MutableClock("2026-03-10T23:59:00Z");
    private final InMemorySaltStore store = new InMemorySaltStore();
    private final DailySalts salts = new DailySalts(store, clock, new SecureRandom());

    @Test
    void visitor_sameDay_isStable() {
        long first = salts.visitor(1, "203.0.113.7", UA).today();
        clock.advance(Duration.ofSeconds(30));
        assertThat(salts.visitor(1, "203.0.113.7", UA).today()).isEqualTo(first);
    }

    @Test
    void visitor_acrossDayBoundary_differs() {
        long before = salts.visitor(1, "203.0.113.7", UA).today();
        clock.advance(Duration.ofMinutes(2)); // 00:01 the next day
        VisitorId after = salts.visitor(1, "203.0.113.7", UA);
        assertThat(after.today()).isNotEqualTo(before);
        assertThat(after.yesterday()).as("yesterday's id, for a visit crossing midnight").isEqualTo(before);
    }

    @Test
    void visitor_otherSiteAddressOrAgent_differs() {
        long id = salts.visitor(1, "203.0.113.7", UA).today();
        assertThat(salts.visitor(2, "203.0.113.7", UA).today()).isNotEqualTo(id);
        assertThat(salts.visitor(1, "203.0.113.8", UA).today()).isNotEqualTo(id);
        assertThat(salts.visitor(1, "203.0.113.7", UA + " Edg/131").today()).isNotEqualTo(id);
    }

    @Test
    void rotate_keepsTodayAndYesterday_deletesOlder() {
        salts.rotate();
        clock.advance(Duration.ofDays(1));
        salts.rotate();
        clock.advance(Duration.ofDays(1));
        salts.rotate();
        assertThat(store.days()).containsExactlyInAnyOrder(LocalDate.parse("2026-03-12"), LocalDate.parse("2026-03-11"));
    }

    @Test
    void visitor_afterTwoDays_cannotBeLinkedToTheFirstDay() {
        long day1 = salts.visitor(1, "203.0.113.7", UA).today();
        clock.advance(Duration.ofDays(2));
        VisitorId day3 = salts.visitor(1, "203.0.113.7", UA);
        assertThat(day3.today()).isNotEqualTo(day1);
        assertThat(day3.yesterday()).isNotEqualTo(day1);
        assertThat(store.find(LocalDate.parse("2026-03-10"))).isEmpty();
    }

    @Test
    void visitor_twoInstancesSharingAStore_agree() {
        DailySalts other = new DailySalts(store, clock, new SecureRandom());
        assertThat(other.visitor(1, "203.0.113.7", UA)).isEqualTo(salts.visitor(1, "203.0.113.7", UA));
    }

    @Test
    void visitor_keyedMacsReused_matchAFreshHmacOnEveryThreadAndAfterRotation() throws Exception {
        byte[] input = ("1|203.0.113.7|" + UA).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < 3; i++) { // the second and third call reuse this thread's keyed MACs
            assertThat(salts.visitor(1, "203.0.113.7", UA).today())
                .isEqualTo(DailySalts.hmac(store.find(LocalDate.parse("2026-03-10")).orElseThrow(), input));
        }
        long[] onOtherThread = new long[1];
        Thread t = new Thread(() -> onOtherThread[0] = salts.visitor(1, "203.0.113.7", UA).today());
        t.start();
        t.join();
        assertThat(onOtherThread[0]).isEqualTo(salts.visitor(1, "203.0.113.7", UA).today());
        clock.advance(Duration.ofMinutes(2)); // a new day: this thread's MACs are keyed again
        VisitorId next = salts.visitor(1, "203.0.113.7", UA);
        assertThat(next.today()).isEqualTo(DailySalts.hmac(store.find(LocalDate.parse("2026-03-11")).orElseThrow(), input));
        assertThat(next.yesterday()).isEqualTo(DailySalts.hmac(store.find(LocalDate.parse("2026-03-10")).orElseThrow(), input));
    }

    @Test
    void hmac_knownAnswer() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?" -> 5bdcc146bf60754e…
        long id = DailySalts.hmac("Jefe".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            "what do ya want for nothing?".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(id).isEqualTo(0x5bdcc146bf60754eL);
    }
}
