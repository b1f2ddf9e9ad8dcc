package dev.gatehouse.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ApiKeyStore} must have. A store implementation's test extends this
 * class and implements {@link #newStore()}; the suite ships in this module's test-jar. Instants
 * used here have millisecond precision, which every SQL timestamp column keeps.
 *
 * <p>Schemas with foreign keys can override {@link #workspaceId()}, {@link #otherWorkspaceId()},
 * {@link #userId()} and {@link #otherUserId()} to name rows that {@link #newStore()} creates.
 * {@code createdBy} and {@code replacedBy} always refer to keys inserted by the test itself.
 */
public abstract class ApiKeyStoreContract {

    /** An instant the tests work around. */
    protected static final Instant NOW = Instant.parse("2026-01-15T10:30:00.123Z");

    private final AtomicInteger hashes = new AtomicInteger();
    private ApiKeyStore store;

    /**
     * Creates an empty store for one test.
     *
     * @return a store with no keys
     */
    protected abstract ApiKeyStore newStore();

    /**
     * The workspace most keys are in.
     *
     * @return an existing workspace id
     */
    protected long workspaceId() {
        return 1L;
    }

    /**
     * A second workspace.
     *
     * @return an existing workspace id other than {@link #workspaceId()}
     */
    protected long otherWorkspaceId() {
        return 2L;
    }

    /**
     * The end user user keys belong to.
     *
     * @return an existing user id in {@link #workspaceId()}
     */
    protected long userId() {
        return 10L;
    }

    /**
     * A second end user.
     *
     * @return an existing user id other than {@link #userId()}
     */
    protected long otherUserId() {
        return 11L;
    }

    /** Creates the store of the next test. */
    @BeforeEach
    public void createStore() {
        store = newStore();
    }

    /**
     * Returns the store under test.
     *
     * @return the store of the current test
     */
    protected ApiKeyStore store() {
        return store;
    }

    private String nextHash() {
        return ApiKeys.sha256Hex("contract-key-" + hashes.incrementAndGet());
    }

    private ApiKey workspaceKey() {
        return new ApiKey(0, workspaceId(), null, KeyType.WORKSPACE, "Production API Key", "sk_live_AbC1",
            nextHash(), ScopeSet.of("posts:read", "posts:write"), null, null, null, null, NOW, null, null);
    }

    private ApiKey userKey(long user, Instant expiresAt, Instant revokedAt) {
        return new ApiKey(0, workspaceId(), user, KeyType.USER, "user:ext-1", "sk_user_XyZ9", nextHash(),
            ScopeSet.of("me:verify"), null, expiresAt, revokedAt, null, NOW, null, null);
    }

    private ApiKey rootKey(Instant revokedAt) {
        return new ApiKey(0, null, null, KeyType.ROOT, "root", "gh_root_QwE4", nextHash(), ScopeSet.of("*"),
            null, null, revokedAt, null, NOW, null, null);
    }

    private ApiKey createdBy(long creator) {
        ApiKey k = workspaceKey();
        return new ApiKey(0, k.workspaceId(), null, k.type(), k.name(), k.displayPrefix(), k.keyHash(), k.scopes(),
            null, null, null, null, NOW, creator, null);
    }

    private static ApiKey withId(ApiKey k, long id) {
        return new ApiKey(id, k.workspaceId(), k.userId(), k.type(), k.name(), k.displayPrefix(), k.keyHash(),
            k.scopes(), k.rateLimitTier(), k.expiresAt(), k.revokedAt(), k.lastUsedAt(), k.createdAt(),
            k.createdBy(), k.replacedBy());
    }

    private static ApiKey withRevokedAt(ApiKey k, Instant revokedAt) {
        return new ApiKey(k.id(), k.workspaceId(), k.userId(), k.type(), k.name(), k.displayPrefix(), k.keyHash(),
            k.scopes(), k.rateLimitTier(), k.expiresAt(), revokedAt, k.lastUsedAt(), k.createdAt(),
            k.createdBy(), k.replacedBy());
    }

    @Test
    public void insert_newKey_assignsPositiveId() {
        ApiKey stored = store.insert(workspaceKey());

        assertThat(stored.id()).isPositive();
    }

    @Test
    public void insert_severalKeys_assignsDistinctIds() {
        long first = store.insert(workspaceKey()).id();
        long second = store.insert(workspaceKey()).id();
        long third = store.insert(rootKey(null)).id();

        assertThat(new long[] {first, second, third}).doesNotHaveDuplicates();
    }

    @Test
    public void insert_newKey_returnsEveryFieldButTheIdUnchanged() {
        ApiKey key = workspaceKey();

        ApiKey stored = store.insert(key);

        assertThat(stored).isEqualTo(withId(key, stored.id()));
    }

    @Test
    public void insert_keyWithId_isRejected() {
        ApiKey key = withId(workspaceKey(), 42);

        assertThatThrownBy(() -> store.insert(key)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    public void findById_unknownId_isEmpty() {
        assertThat(store.findById(987_654)).isEmpty();
    }

    @Test
    public void findById_everyFieldSet_roundTrips() {
        long creator = store.insert(workspaceKey()).id();
        long replacement = store.insert(workspaceKey()).id();
        ApiKey key = new ApiKey(0, workspaceId(), userId(), KeyType.USER, "Mobile App Key", "sk_user_Mn0P",
            nextHash(), ScopeSet.of("*", "posts:*", "read", "users:read"), "pro", NOW.plus(Duration.ofDays(30)),
            NOW.plusSeconds(60), NOW.minusSeconds(5), NOW.minus(Duration.ofDays(1)), creator, replacement);

        ApiKey stored = store.insert(key);

        assertThat(store.findById(stored.id())).contains(withId(key, stored.id()));
    }

    @Test
    public void findById_rootKeyWithoutWorkspace_roundTrips() {
        ApiKey stored = store.insert(rootKey(null));

        assertThat(store.findById(stored.id())).contains(stored);
    }

    @Test
    public void findById_emptyScopeSet_roundTrips() {
        ApiKey key = new ApiKey(0, workspaceId(), null, KeyType.WORKSPACE, "No scopes", "sk_live_AAAA",
            nextHash(), ScopeSet.empty(), null, null, null, null, NOW, null, null);

        ApiKey stored = store.insert(key);

        assertThat(store.findById(stored.id()).orElseThrow().scopes()).isEqualTo(ScopeSet.empty());
    }

    @Test
    public void findByHash_storedKey_isFound() {
        store.insert(workspaceKey());
        ApiKey stored = store.insert(workspaceKey());

        assertThat(store.findByHash(stored.keyHash())).contains(stored);
    }

    @Test
    public void findByHash_unknownHash_isEmpty() {
        store.insert(workspaceKey());

        assertThat(store.findByHash(ApiKeys.sha256Hex("never-stored"))).isEmpty();
    }

    @Test
    public void findByHash_revokedKey_isStillFound() {
        ApiKey stored = store.insert(withRevokedAt(workspaceKey(), NOW));

        assertThat(store.findByHash(stored.keyHash())).contains(stored);
    }

    @Test
    public void update_everyField_roundTrips() {
        ApiKey stored = store.insert(workspaceKey());
        long replacement = store.insert(workspaceKey()).id();
        long creator = store.insert(workspaceKey()).id();
        ApiKey changed = new ApiKey(stored.id(), otherWorkspaceId(), otherUserId(), KeyType.USER, "Renamed",
            "sk_user_Zz99", nextHash(), ScopeSet.of("users:read"), "enterprise", NOW.plusSeconds(3600),
            NOW.plusSeconds(7), NOW.plusSeconds(3), NOW.minusSeconds(100), creator, replacement);

        ApiKey updated = store.update(changed);

        assertThat(updated).isEqualTo(changed);
        assertThat(store.findById(stored.id())).contains(changed);
        assertThat(store.findByHash(changed.keyHash())).contains(changed);
    }

    @Test
    public void update_nullableFields_canBeCleared() {
        long creator = store.insert(workspaceKey()).id();
        ApiKey stored = store.insert(new ApiKey(0, workspaceId(), userId(), KeyType.USER, "Full", "sk_user_Full",
            nextHash(), ScopeSet.of("me:verify"), "pro", NOW.plusSeconds(60), NOW, NOW, NOW, creator, creator));
        ApiKey cleared = new ApiKey(stored.id(), workspaceId(), null, KeyType.USER, "Full", "sk_user_Full",
            stored.keyHash(), ScopeSet.of("me:verify"), null, null, null, null, NOW, null, null);

        store.update(cleared);

        assertThat(store.findById(stored.id())).contains(cleared);
    }

    @Test
    public void update_unknownId_throwsKeyNotFound() {
        ApiKey never = withId(workspaceKey(), 987_654);

        assertThatThrownBy(() -> store.update(never)).isInstanceOf(KeyNotFoundException.class);
    }

    @Test
    public void update_oneKey_leavesOthersUnchanged() {
        ApiKey first = store.insert(workspaceKey());
        ApiKey second = store.insert(workspaceKey());

        store.update(withRevokedAt(first, NOW));

        assertThat(store.findById(second.id())).contains(second);
    }

    @Test
    public void insertWithinUserLimit_countsOnlyActiveKeys() {
        store.insert(userKey(userId(), null, null));
        store.insert(userKey(userId(), NOW.plusSeconds(1), null));
        store.insert(userKey(userId(), null, NOW.minusSeconds(1)));
        store.insert(userKey(userId(), NOW.minusSeconds(1), null));
        store.insert(userKey(userId(), NOW, null));

        // Two active keys (a revoked one and two expired ones do not count): the third fits, a fourth does not.
        assertThat(store.insertWithinUserLimit(userKey(userId(), null, null), 3, NOW)).isPresent();
        assertThat(store.insertWithinUserLimit(userKey(userId(), null, null), 3, NOW)).isEmpty();
    }

    @Test
    public void insertWithinUserLimit_ignoresOtherUsersKeys() {
        store.insert(userKey(otherUserId(), null, null));
        store.insert(userKey(otherUserId(), null, null));
        store.insert(workspaceKey());

        ApiKey stored = store.insertWithinUserLimit(userKey(userId(), null, null), 1, NOW).orElseThrow();

        assertThat(stored.id()).isPositive();
        assertThat(store.findById(stored.id())).contains(stored);
    }

    @Test
    public void insertWithinUserLimit_atTheLimit_storesNothing() {
        ApiKey first = store.insertWithinUserLimit(userKey(userId(), null, null), 1, NOW).orElseThrow();
        ApiKey refused = userKey(userId(), null, null);

        assertThat(store.insertWithinUserLimit(refused, 1, NOW)).isEmpty();
        assertThat(store.findByHash(refused.keyHash())).isEmpty();
        assertThat(store.findById(first.id())).isPresent();
    }

    @Test
    public void insertWithinUserLimit_keyWithoutUser_isRejected() {
        assertThatThrownBy(() -> store.insertWithinUserLimit(workspaceKey(), 10, NOW))
            .isInstanceOf(IllegalArgumentException.class);
    }

    /** Issue 11, defect 4: 32 racing requests for one user's keys never take it past the limit. */
    @Test
    public void insertWithinUserLimit_32ThreadsRacingForLimit10_storesExactly10() throws Exception {
        List<ApiKey> candidates = new ArrayList<>();
        for (int t = 0; t < 32; t++) {
            candidates.add(userKey(userId(), null, null));
        }

        List<Boolean> stored = Concurrently.run(32,
            t -> () -> store.insertWithinUserLimit(candidates.get(t), 10, NOW).isPresent());

        assertThat(stored).filteredOn(Boolean::booleanValue).hasSize(10);
        assertThat(candidates).filteredOn(k -> store.findByHash(k.keyHash()).isPresent()).hasSize(10);
    }

    @Test
    public void existsRootKey_emptyStore_isFalse() {
        assertThat(store.existsRootKey()).isFalse();
    }

    @Test
    public void existsRootKey_onlyWorkspaceKeys_isFalse() {
        store.insert(workspaceKey());
        store.insert(userKey(userId(), null, null));

        assertThat(store.existsRootKey()).isFalse();
    }

    @Test
    public void existsRootKey_activeRootKey_isTrue() {
        store.insert(workspaceKey());
        store.insert(rootKey(null));

        assertThat(store.existsRootKey()).isTrue();
    }

    @Test
    public void existsRootKey_onlyRevokedRootKey_isFalse() {
        store.insert(rootKey(NOW));

        assertThat(store.existsRootKey()).isFalse();
    }

    @Test
    public void findByCreator_returnsOnlyThatCreatorsKeys_byAscendingId() {
        long creator = store.insert(workspaceKey()).id();
        long other = store.insert(workspaceKey()).id();
        ApiKey first = store.insert(createdBy(creator));
        store.insert(createdBy(other));
        ApiKey second = store.insert(withRevokedAt(createdBy(creator), NOW));

        assertThat(store.findByCreator(creator)).containsExactly(first, second);
    }

    @Test
    public void findByCreator_creatorWithoutKeys_isEmpty() {
        long creator = store.insert(workspaceKey()).id();

        assertThat(store.findByCreator(creator)).isEmpty();
    }

    @Test
    public void recordLastUsed_knownKeys_setsLastUsedAt() {
        ApiKey first = store.insert(workspaceKey());
        ApiKey second = store.insert(workspaceKey());

        store.recordLastUsed(Map.of(first.id(), NOW, second.id(), NOW.plusSeconds(1)));

        assertThat(store.findById(first.id()).orElseThrow().lastUsedAt()).isEqualTo(NOW);
        assertThat(store.findById(second.id()).orElseThrow().lastUsedAt()).isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    public void recordLastUsed_olderInstant_neverMovesLastUsedAtBackwards() {
        ApiKey key = store.insert(workspaceKey());
        store.recordLastUsed(Map.of(key.id(), NOW));

        store.recordLastUsed(Map.of(key.id(), NOW.minusSeconds(60)));

        assertThat(store.findById(key.id()).orElseThrow().lastUsedAt()).isEqualTo(NOW);
    }

    @Test
    public void recordLastUsed_unknownId_isIgnored() {
        ApiKey key = store.insert(workspaceKey());
        Map<Long, Instant> uses = new HashMap<>();
        uses.put(987_654L, NOW);
        uses.put(key.id(), NOW);

        store.recordLastUsed(uses);

        assertThat(store.findById(key.id()).orElseThrow().lastUsedAt()).isEqualTo(NOW);
        assertThat(store.findById(987_654L)).isEmpty();
    }

    @Test
    public void recordLastUsed_leavesEveryOtherFieldUnchanged() {
        ApiKey key = store.insert(workspaceKey());

        store.recordLastUsed(Map.of(key.id(), NOW));

        ApiKey after = store.findById(key.id()).orElseThrow();
        assertThat(after).usingRecursiveComparison().ignoringFields("lastUsedAt").isEqualTo(key);
    }
}
