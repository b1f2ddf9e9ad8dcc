package dev.gatehouse.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeysVerifyTest {

    private final Fixture f = new Fixture(ApiKeys.builder()
        .positiveCacheTtl(Duration.ofSeconds(30))
        .negativeCacheTtl(Duration.ofSeconds(60))
        .lastUsedWriteInterval(Duration.ofMinutes(1)));
    private final Actor who = new Actor(f.root.id(), "req_1");

    private int lookups() {
        return f.store.findByHashCalls.get();
    }

    @Test
    void verify_issuedKey_isValid() {
        IssuedKey issued = f.workspaceKey();

        Verification result = f.keys.verify(issued.secret());

        assertThat(result.code()).isEqualTo(Verification.Code.VALID);
        assertThat(result.valid()).isTrue();
        assertThat(result.key().id()).isEqualTo(issued.key().id());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"sk_live_", "sk_live_0123456789ABCDEFGHIJKLMN000000", "Bearer x", "gh_root_!!!"})
    void verify_malformedValue_neverTouchesStoreOrCache(String presented) {
        int callsBefore = f.store.calls.get();

        Verification result = f.keys.verify(presented);

        assertThat(result.code()).isEqualTo(Verification.Code.MALFORMED);
        assertThat(result.key()).isNull();
        assertThat(f.store.calls.get()).isEqualTo(callsBefore);
        assertThat(f.keys.cachedFound()).isZero();
        assertThat(f.keys.cachedMissing()).isZero();
    }

    @Test
    void verify_cachedKeyWithAlteredChecksum_isMalformedWithoutTouchingStoreOrNegativeCache() {
        String secret = f.workspaceKey().secret();
        f.keys.verify(secret);
        String altered = secret.substring(0, secret.length() - 1) + (secret.endsWith("0") ? "1" : "0");
        int callsBefore = f.store.calls.get();

        Verification result = f.keys.verify(altered);

        assertThat(result.code()).isEqualTo(Verification.Code.MALFORMED);
        assertThat(f.store.calls.get()).isEqualTo(callsBefore);
        assertThat(f.keys.cachedMissing()).isZero();
    }

    @Test
    void verify_systemClock_cacheHitIsValid() {
        ApiKeys keys = ApiKeys.builder().store(new InMemoryApiKeyStore()).audit(e -> { }).build();
        String secret = keys.issue(Fixture.request(), null, Actor.system()).secret();
        keys.verify(secret);

        Verification hit = keys.verify(secret);

        assertThat(hit.code()).isEqualTo(Verification.Code.VALID);
    }

    @Test
    void verify_unknownWellFormedKey_isNotFound() {
        String unknown = "sk_live_0123456789ABCDEFGHIJKLMN1aOiQt";

        Verification result = f.keys.verify(unknown);

        assertThat(result.code()).isEqualTo(Verification.Code.NOT_FOUND);
        assertThat(result.key()).isNull();
    }

    @Test
    void verify_revokedKey_isRejected() {
        IssuedKey issued = f.workspaceKey();
        f.keys.revoke(1L, issued.key().id(), who);

        Verification result = f.keys.verify(issued.secret());

        assertThat(result.code()).isEqualTo(Verification.Code.REVOKED);
        assertThat(result.key().revokedAt()).isEqualTo(Fixture.T0);
    }

    @Test
    void verify_expiredKey_isRejected() {
        IssuedKey issued = f.keys.issue(new KeyRequest(1L, null, KeyType.WORKSPACE, "k", null, null,
            Fixture.T0.plusSeconds(10)), f.root, who);
        f.clock.advance(Duration.ofSeconds(10));

        assertThat(f.keys.verify(issued.secret()).code()).isEqualTo(Verification.Code.EXPIRED);
    }

    @Test
    void verify_secondCallWithinTtl_isServedFromCache() {
        IssuedKey issued = f.workspaceKey();
        f.keys.verify(issued.secret());
        f.clock.advance(Duration.ofSeconds(29));

        Verification result = f.keys.verify(issued.secret());

        assertThat(result.valid()).isTrue();
        assertThat(lookups()).isEqualTo(1);
    }

    @Test
    void verify_afterPositiveTtl_readsStoreAgain() {
        IssuedKey issued = f.workspaceKey();
        f.keys.verify(issued.secret());
        f.clock.advance(Duration.ofSeconds(30));

        f.keys.verify(issued.secret());

        assertThat(lookups()).isEqualTo(2);
    }

    @Test
    void verify_revokedElsewhere_isSeenOnlyAfterPositiveTtl() {
        IssuedKey issued = f.workspaceKey();
        f.keys.verify(issued.secret());
        // Another instance revokes: the store changes, this instance's cache does not know.
        f.store.delegate.update(issued.key().withRevokedAt(Fixture.T0));
        f.clock.advance(Duration.ofSeconds(29));
        assertThat(f.keys.verify(issued.secret()).code()).isEqualTo(Verification.Code.VALID);

        f.clock.advance(Duration.ofSeconds(1));

        assertThat(f.keys.verify(issued.secret()).code()).isEqualTo(Verification.Code.REVOKED);
    }

    @Test
    void verify_cachedKeyPastItsExpiry_isExpiredWithoutStoreAccess() {
        IssuedKey issued = f.keys.issue(new KeyRequest(1L, null, KeyType.WORKSPACE, "k", null, null,
            Fixture.T0.plusSeconds(5)), f.root, who);
        assertThat(f.keys.verify(issued.secret()).valid()).isTrue();
        f.clock.advance(Duration.ofSeconds(5));

        Verification result = f.keys.verify(issued.secret());

        assertThat(result.code()).isEqualTo(Verification.Code.EXPIRED);
        assertThat(lookups()).isEqualTo(1);
    }

    @Test
    void verify_unknownKeyTwiceWithinNegativeTtl_readsStoreOnce() {
        String unknown = "sk_live_0123456789ABCDEFGHIJKLMN1aOiQt";
        f.keys.verify(unknown);
        f.clock.advance(Duration.ofSeconds(59));

        assertThat(f.keys.verify(unknown).code()).isEqualTo(Verification.Code.NOT_FOUND);
        assertThat(lookups()).isEqualTo(1);
    }

    @Test
    void verify_unknownKeyAfterNegativeTtl_readsStoreAgain() {
        String unknown = "sk_live_0123456789ABCDEFGHIJKLMN1aOiQt";
        f.keys.verify(unknown);
        f.clock.advance(Duration.ofSeconds(60));

        f.keys.verify(unknown);

        assertThat(lookups()).isEqualTo(2);
    }

    @Test
    void verify_zeroTtls_readStoreEveryTime() {
        Fixture uncached = new Fixture(ApiKeys.builder().positiveCacheTtl(Duration.ZERO).negativeCacheTtl(Duration.ZERO));
        IssuedKey issued = uncached.workspaceKey();
        String unknown = "sk_live_0123456789ABCDEFGHIJKLMN1aOiQt";

        uncached.keys.verify(issued.secret());
        uncached.keys.verify(issued.secret());
        uncached.keys.verify(unknown);
        uncached.keys.verify(unknown);

        assertThat(uncached.store.findByHashCalls.get()).isEqualTo(4);
        assertThat(uncached.keys.cachedFound()).isZero();
        assertThat(uncached.keys.cachedMissing()).isZero();
    }

    @Test
    void invalidate_cachedKey_nextVerifyReadsStore() {
        IssuedKey issued = f.workspaceKey();
        f.keys.verify(issued.secret());
        f.store.delegate.update(issued.key().withRevokedAt(Fixture.T0));

        f.keys.invalidate(issued.key().id());

        assertThat(f.keys.verify(issued.secret()).code()).isEqualTo(Verification.Code.REVOKED);
        assertThat(lookups()).isEqualTo(2);
    }

    @Test
    void invalidate_otherKey_keepsThisOneCached() {
        IssuedKey issued = f.workspaceKey();
        IssuedKey other = f.workspaceKey();
        f.keys.verify(issued.secret());

        f.keys.invalidate(other.key().id());
        f.keys.verify(issued.secret());

        assertThat(lookups()).isEqualTo(1);
    }

    @Test
    void invalidateAll_dropsFoundAndUnknownEntries() {
        IssuedKey issued = f.workspaceKey();
        f.keys.verify(issued.secret());
        f.keys.verify("sk_live_0123456789ABCDEFGHIJKLMN1aOiQt");

        f.keys.invalidateAll();
        f.keys.verify(issued.secret());
        f.keys.verify("sk_live_0123456789ABCDEFGHIJKLMN1aOiQt");

        assertThat(lookups()).isEqualTo(4);
    }

    @Test
    void revoke_onThisInstance_isSeenAtOnceDespiteCache() {
        IssuedKey issued = f.workspaceKey();
        f.keys.verify(issued.secret());

        f.keys.revoke(1L, issued.key().id(), who);

        assertThat(f.keys.verify(issued.secret()).code()).isEqualTo(Verification.Code.REVOKED);
    }

    @Test
    void verify_manyKeys_cacheStaysWithinMaximumSizeEvictingOldest() {
        Fixture small = new Fixture(ApiKeys.builder().maximumCacheSize(3));
        List<IssuedKey> issued = List.of(small.workspaceKey(), small.workspaceKey(), small.workspaceKey(),
            small.workspaceKey(), small.workspaceKey());
        issued.forEach(k -> small.keys.verify(k.secret()));
        int lookupsAfterFill = small.store.findByHashCalls.get();

        small.keys.verify(issued.get(4).secret());
        small.keys.verify(issued.get(0).secret());

        assertThat(small.keys.cachedFound()).isEqualTo(3);
        assertThat(small.store.findByHashCalls.get()).isEqualTo(lookupsAfterFill + 1);
    }

    @Test
    void verify_manyUnknownKeys_negativeCacheStaysBounded() {
        Fixture small = new Fixture(ApiKeys.builder().maximumCacheSize(2));
        for (int i = 0; i < 10; i++) {
            String body = "sk_live_" + String.format("%024d", i);
            small.keys.verify(body + KeyFormat.checksum(body));
        }

        assertThat(small.keys.cachedMissing()).isEqualTo(2);
    }

    @Test
    void verify_validUse_isFlushedOnceWithTheFirstUseTime() {
        IssuedKey issued = f.workspaceKey();
        f.keys.verify(issued.secret());
        f.clock.advance(Duration.ofSeconds(20));
        f.keys.verify(issued.secret());

        int written = f.keys.flushLastUsed();

        assertThat(written).isEqualTo(1);
        assertThat(f.store.lastUsedBatches).containsExactly(Map.of(issued.key().id(), Fixture.T0));
        assertThat(f.store.delegate.findById(issued.key().id()).orElseThrow().lastUsedAt()).isEqualTo(Fixture.T0);
    }

    @Test
    void verify_usesWithinOneInterval_queueOneWrite() {
        IssuedKey issued = f.workspaceKey();
        for (int i = 0; i < 5; i++) {
            f.keys.verify(issued.secret());
            f.clock.advance(Duration.ofSeconds(10));
        }
        f.keys.flushLastUsed();
        f.clock.advance(Duration.ofSeconds(5));
        f.keys.verify(issued.secret());

        assertThat(f.keys.flushLastUsed()).isZero();
    }

    @Test
    void verify_useAfterInterval_queuesAnotherWrite() {
        IssuedKey issued = f.workspaceKey();
        f.keys.verify(issued.secret());
        f.keys.flushLastUsed();
        Instant later = f.clock.advance(Duration.ofMinutes(1));

        f.keys.verify(issued.secret());

        assertThat(f.keys.flushLastUsed()).isEqualTo(1);
        assertThat(f.store.delegate.findById(issued.key().id()).orElseThrow().lastUsedAt()).isEqualTo(later);
    }

    @Test
    void verify_throttleSurvivesCacheReload() {
        IssuedKey issued = f.workspaceKey();
        f.keys.verify(issued.secret());
        f.keys.flushLastUsed();
        f.keys.invalidate(issued.key().id());
        f.clock.advance(Duration.ofSeconds(30));

        f.keys.verify(issued.secret());

        assertThat(f.keys.flushLastUsed()).isZero();
    }

    @Test
    void verify_storedLastUsedWithinInterval_queuesNothing() {
        IssuedKey issued = f.workspaceKey();
        f.store.delegate.recordLastUsed(Map.of(issued.key().id(), Fixture.T0.minusSeconds(30)));

        f.keys.verify(issued.secret());

        assertThat(f.keys.flushLastUsed()).isZero();
    }

    @Test
    void verify_failedVerifications_areNotNotedAsUse() {
        IssuedKey issued = f.workspaceKey();
        f.keys.revoke(1L, issued.key().id(), who);

        f.keys.verify(issued.secret());
        f.keys.verify("sk_live_0123456789ABCDEFGHIJKLMN1aOiQt");

        assertThat(f.keys.flushLastUsed()).isZero();
    }

    @Test
    void verify_concurrentUsesOfOneKey_queueOneWrite() throws Exception {
        IssuedKey issued = f.workspaceKey();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Callable<Boolean>> uses = java.util.Collections.nCopies(2_000,
                () -> f.keys.verify(issued.secret()).valid());
            for (java.util.concurrent.Future<Boolean> use : pool.invokeAll(uses)) {
                assertThat(use.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(f.keys.flushLastUsed()).isEqualTo(1);
        assertThat(f.store.lastUsedBatches).containsExactly(Map.of(issued.key().id(), Fixture.T0));
    }

    @Test
    void flushLastUsed_nothingPending_returnsZeroWithoutStoreCall() {
        int callsBefore = f.store.calls.get();

        assertThat(f.keys.flushLastUsed()).isZero();
        assertThat(f.store.calls.get()).isEqualTo(callsBefore);
    }

    @Test
    void flushLastUsed_storeFails_keepsUsesPendingForNextFlush() {
        IssuedKey issued = f.workspaceKey();
        f.keys.verify(issued.secret());
        f.store.failRecordLastUsed = true;
        assertThatThrownBy(f.keys::flushLastUsed).isInstanceOf(IllegalStateException.class);
        f.store.failRecordLastUsed = false;

        assertThat(f.keys.flushLastUsed()).isEqualTo(1);
        assertThat(f.store.delegate.findById(issued.key().id()).orElseThrow().lastUsedAt()).isEqualTo(Fixture.T0);
    }

    @Test
    void flushLastUsed_severalKeys_writesOneBatch() {
        IssuedKey a = f.workspaceKey();
        IssuedKey b = f.workspaceKey();
        f.keys.verify(a.secret());
        f.keys.verify(b.secret());

        assertThat(f.keys.flushLastUsed()).isEqualTo(2);
        assertThat(f.store.lastUsedBatches).hasSize(1);
    }

    @Test
    void verify_nineFailuresInAMinute_auditNothing() {
        IssuedKey issued = f.workspaceKey();
        f.keys.revoke(1L, issued.key().id(), who);
        f.audit.clear();

        for (int i = 0; i < 9; i++) {
            f.keys.verify(issued.secret());
        }

        assertThat(f.audit.ofType("auth.failures_burst")).isEmpty();
    }

    @Test
    void verify_tenFailuresInAMinute_auditOneBurstWithDisplayPrefixOnly() {
        IssuedKey issued = f.workspaceKey();
        f.keys.revoke(1L, issued.key().id(), who);
        f.audit.clear();

        for (int i = 0; i < 25; i++) {
            f.keys.verify(issued.secret());
            f.clock.advance(Duration.ofSeconds(2));
        }

        assertThat(f.audit.ofType("auth.failures_burst")).singleElement().satisfies(e -> {
            assertThat(e.subjectKeyId()).isEqualTo(issued.key().id());
            assertThat(e.workspaceId()).isEqualTo(1L);
            assertThat(e.details()).containsEntry("display_prefix", issued.key().displayPrefix())
                .containsEntry("failures", "10").containsEntry("code", "REVOKED");
            assertThat(e.toString()).doesNotContain(issued.secret());
            assertThat(e.at()).isEqualTo(Fixture.T0.plusSeconds(18));
        });
    }

    @Test
    void verify_burstContinuingIntoNextMinute_auditsOncePerMinute() {
        String unknown = "sk_live_0123456789ABCDEFGHIJKLMN1aOiQt";

        for (int i = 0; i < 130; i++) {
            f.keys.verify(unknown);
            f.clock.advance(Duration.ofSeconds(1));
        }

        assertThat(f.audit.ofType("auth.failures_burst")).hasSize(3)
            .allSatisfy(e -> assertThat(e.details()).containsEntry("display_prefix", "sk_live_0123")
                .containsEntry("code", "NOT_FOUND"));
    }

    @Test
    void verify_tenFailuresSpreadOverMoreThanAMinute_auditNothing() {
        String unknown = "sk_live_0123456789ABCDEFGHIJKLMN1aOiQt";

        for (int i = 0; i < 10; i++) {
            f.keys.verify(unknown);
            f.clock.advance(Duration.ofSeconds(7));
        }

        assertThat(f.audit.ofType("auth.failures_burst")).isEmpty();
    }

    @Test
    void verify_expiredKeyFailures_countTowardsBurst() {
        IssuedKey issued = f.keys.issue(new KeyRequest(1L, null, KeyType.WORKSPACE, "k", null, null,
            Fixture.T0.plusSeconds(1)), f.root, who);
        f.clock.advance(Duration.ofSeconds(1));

        for (int i = 0; i < 10; i++) {
            f.keys.verify(issued.secret());
        }

        assertThat(f.audit.ofType("auth.failures_burst")).singleElement()
            .satisfies(e -> assertThat(e.details()).containsEntry("code", "EXPIRED"));
    }

    @Test
    void verify_failingAuditSink_stillAnswers() {
        ApiKeys keys = ApiKeys.builder().store(new InMemoryApiKeyStore()).clock(f.clock)
            .audit(e -> {
                throw new IllegalStateException("audit down");
            }).build();
        String unknown = "sk_live_0123456789ABCDEFGHIJKLMN1aOiQt";
        // The warning the facade logs is expected here; keep it out of the build output.
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(ApiKeys.class.getName());
        java.util.logging.Level level = log.getLevel();
        log.setLevel(java.util.logging.Level.OFF);
        try {
            for (int i = 0; i < 9; i++) {
                keys.verify(unknown);
            }

            assertThat(keys.verify(unknown).code()).isEqualTo(Verification.Code.NOT_FOUND);
        } finally {
            log.setLevel(level);
        }
    }

    @Test
    void verify_storeReturningDifferentHash_isNotFound() {
        IssuedKey issued = f.workspaceKey();
        ApiKeyStore lying = new InMemoryApiKeyStore() {
            @Override
            public java.util.Optional<ApiKey> findByHash(String keyHash) {
                return java.util.Optional.of(issued.key());
            }
        };
        ApiKeys keys = ApiKeys.builder().store(lying).audit(e -> { }).clock(f.clock).build();

        assertThat(keys.verify("sk_live_0123456789ABCDEFGHIJKLMN1aOiQt").code()).isEqualTo(Verification.Code.NOT_FOUND);
        assertThat(keys.verify(issued.secret()).code()).isEqualTo(Verification.Code.VALID);
    }

    @Test
    void isWellFormed_issuedKeys_areWellFormed() {
        assertThat(f.keys.isWellFormed(f.workspaceKey().secret())).isTrue();
        assertThat(f.keys.typeOf(f.workspaceKey().secret())).isEqualTo(KeyType.WORKSPACE);
    }
}
