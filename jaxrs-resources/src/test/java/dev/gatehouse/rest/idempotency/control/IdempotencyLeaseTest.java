package dev.gatehouse.rest.idempotency.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.rest.testing.TestDatabase;
import dev.gatehouse.webhooks.SecretCipher;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lease of an "in progress" Idempotency-Key row (H2): a retry of the same request takes the key
 * over once the lease of the request that claimed it has run out, exactly once, and never before.
 * Time is given to each call, as the filter passes its clock's instant.
 */
class IdempotencyLeaseTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final long KEY_ID = 7;
    private static TestDatabase db;

    @BeforeAll
    static void open() {
        db = TestDatabase.h2();
        db.workspace(1, "free");
        db.sql("INSERT INTO api_keys (id, workspace_id, key_type, name, display_prefix, key_hash, scopes, created_at,"
                + " updated_at) VALUES (" + KEY_ID + ", 1, 'WORKSPACE', 'k', 'sk_live_abcd', '"
                + "0".repeat(64) + "', 'write', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static <T> T store(Function<IdempotencyStore, T> call) {
        return db.inTransaction(em -> {
            IdempotencyStore store = new IdempotencyStore();
            store.em = em;
            store.cipher = SecretCipher.fromBase64Key(SecretCipher.generateKey(new SecureRandom()));
            store.lease = Duration.ofSeconds(60);
            return call.apply(store);
        });
    }

    private static boolean takeOver(String ik, String fingerprint, Instant now) {
        Boolean won = store(s -> s.takeOver(KEY_ID, ik, fingerprint, now));
        return won;
    }

    private static boolean claim(String ik, Instant now) {
        return store(s -> s.claim(KEY_ID, ik, "fp", now, now.plus(Duration.ofHours(24))));
    }

    @Test
    void claim_setsALeaseFromNow() {
        claim("lease-set", T0);

        StoredRequest stored = store(s -> s.find(KEY_ID, "lease-set")).orElseThrow();

        assertThat(stored.leaseUntil()).isEqualTo(T0.plusSeconds(60));
        assertThat(stored.leasedAt(T0.plusSeconds(59))).isTrue();
        assertThat(stored.leasedAt(T0.plusSeconds(60))).isFalse();
    }

    @Test
    void takeOver_beforeTheLeaseRunsOut_isRefused() {
        claim("still-running", T0);

        assertThat(takeOver("still-running", "fp", T0.plusSeconds(59))).isFalse();
    }

    @Test
    void takeOver_afterTheLease_winsOnceAndRenewsTheLease() {
        claim("crashed", T0);
        Instant retry = T0.plusSeconds(60);

        boolean first = takeOver("crashed", "fp", retry);
        boolean second = takeOver("crashed", "fp", retry);

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(store(s -> s.find(KEY_ID, "crashed")).orElseThrow().leaseUntil()).isEqualTo(retry.plusSeconds(60));
    }

    @Test
    void takeOver_differentRequest_isRefused() {
        claim("other-body", T0);

        assertThat(takeOver("other-body", "another-fp", T0.plusSeconds(120))).isFalse();
    }

    @Test
    void takeOver_completedRequest_isRefused() {
        claim("done", T0);
        store(s -> {
            s.complete(KEY_ID, "done", 201, "application/json", null, "{}".getBytes());
            return null;
        });

        assertThat(takeOver("done", "fp", T0.plusSeconds(120))).isFalse();
    }
}
