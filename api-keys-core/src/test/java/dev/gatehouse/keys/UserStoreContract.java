package dev.gatehouse.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link UserStore} must have. A store implementation's test extends this
 * class and implements {@link #newStore()}; the suite ships in this module's test-jar.
 *
 * <p>Schemas with foreign keys can override {@link #workspaceId()}, {@link #otherWorkspaceId()},
 * {@link #creatorKeyId()} and {@link #otherCreatorKeyId()} to name rows {@link #newStore()} creates.
 */
public abstract class UserStoreContract {

    /** An instant the tests work around. */
    protected static final Instant NOW = Instant.parse("2026-01-15T10:30:00.123Z");

    private UserStore store;

    /**
     * Creates an empty store for one test.
     *
     * @return a store with no users
     */
    protected abstract UserStore newStore();

    /**
     * The workspace most users are in.
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
     * The developer key most users were bootstrapped by.
     *
     * @return an existing key id
     */
    protected long creatorKeyId() {
        return 100L;
    }

    /**
     * A second developer key.
     *
     * @return an existing key id other than {@link #creatorKeyId()}
     */
    protected long otherCreatorKeyId() {
        return 101L;
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
    protected UserStore store() {
        return store;
    }

    private User user(long workspace, String externalId, long creator, Instant createdAt) {
        return new User(0, workspace, externalId, externalId + "@example.com", false, null, creator, createdAt, createdAt);
    }

    private User user(String externalId) {
        return user(workspaceId(), externalId, creatorKeyId(), NOW);
    }

    @Test
    public void insert_newUser_assignsPositiveId() {
        assertThat(store.insert(user("ext-1")).id()).isPositive();
    }

    @Test
    public void insert_severalUsers_assignsDistinctIds() {
        long first = store.insert(user("ext-1")).id();
        long second = store.insert(user("ext-2")).id();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    public void insert_userWithId_isRejected() {
        User withId = new User(5, workspaceId(), "ext-1", "a@example.com", false, null, creatorKeyId(), NOW, NOW);

        assertThatThrownBy(() -> store.insert(withId)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    public void findById_everyField_roundTrips() {
        User user = new User(0, workspaceId(), "ext-1", "ada@example.com", true, NOW.plusSeconds(5), creatorKeyId(),
            NOW, NOW.plusSeconds(5));

        User stored = store.insert(user);

        assertThat(store.findById(stored.id())).contains(new User(stored.id(), workspaceId(), "ext-1",
            "ada@example.com", true, NOW.plusSeconds(5), creatorKeyId(), NOW, NOW.plusSeconds(5)));
    }

    @Test
    public void findById_unknownId_isEmpty() {
        assertThat(store.findById(987_654)).isEmpty();
    }

    @Test
    public void findByExternalId_sameWorkspace_isFound() {
        store.insert(user("ext-0"));
        User stored = store.insert(user("ext-1"));

        assertThat(store.findByExternalId(workspaceId(), "ext-1")).contains(stored);
    }

    @Test
    public void findByExternalId_otherWorkspace_isEmpty() {
        store.insert(user("ext-1"));

        assertThat(store.findByExternalId(otherWorkspaceId(), "ext-1")).isEmpty();
    }

    @Test
    public void findByExternalId_sameIdInTwoWorkspaces_findsEachInItsOwn() {
        User mine = store.insert(user("ext-1"));
        User theirs = store.insert(user(otherWorkspaceId(), "ext-1", otherCreatorKeyId(), NOW));

        assertThat(store.findByExternalId(workspaceId(), "ext-1")).contains(mine);
        assertThat(store.findByExternalId(otherWorkspaceId(), "ext-1")).contains(theirs);
    }

    @Test
    public void findByExternalId_differentCase_isEmpty() {
        store.insert(user("Ext-1"));

        assertThat(store.findByExternalId(workspaceId(), "ext-1")).isEmpty();
    }

    @Test
    public void update_everyMutableField_roundTrips() {
        User stored = store.insert(user("ext-1"));
        User changed = new User(stored.id(), workspaceId(), "ext-1b", "new@example.com", true, NOW.plusSeconds(9),
            creatorKeyId(), NOW, NOW.plusSeconds(9));

        assertThat(store.update(changed)).isEqualTo(changed);
        assertThat(store.findById(stored.id())).contains(changed);
        assertThat(store.findByExternalId(workspaceId(), "ext-1b")).contains(changed);
    }

    @Test
    public void update_unknownId_throwsUserNotFound() {
        User never = new User(987_654, workspaceId(), "x", "x@example.com", false, null, creatorKeyId(), NOW, NOW);

        assertThatThrownBy(() -> store.update(never)).isInstanceOf(UserNotFoundException.class);
    }

    @Test
    public void insertWithinQuota_countsOnlyThatCreatorFromTheInstantOn() {
        store.insert(user(workspaceId(), "a", creatorKeyId(), NOW.minusMillis(1)));
        store.insert(user(workspaceId(), "b", creatorKeyId(), NOW));
        store.insert(user(workspaceId(), "c", creatorKeyId(), NOW.plus(Duration.ofHours(3))));
        store.insert(user(workspaceId(), "d", otherCreatorKeyId(), NOW.plusSeconds(1)));

        // b and c count ("a" is before the instant, "d" is another creator's): a third fits, a fourth does not.
        User third = store.insertWithinQuota(user(workspaceId(), "e", creatorKeyId(), NOW.plusSeconds(5)), 3, NOW)
            .orElseThrow();
        assertThat(store.findById(third.id())).contains(third);
        assertThat(store.insertWithinQuota(user(workspaceId(), "f", creatorKeyId(), NOW.plusSeconds(6)), 3, NOW)).isEmpty();
        assertThat(store.findByExternalId(workspaceId(), "f")).isEmpty();
    }

    @Test
    public void insertWithinQuota_noUsers_stores() {
        assertThat(store.insertWithinQuota(user("ext-1"), 1, NOW)).isPresent();
    }

    /** Issue 11, defect 4: 32 racing bootstraps by one key never take it past its daily quota. */
    @Test
    public void insertWithinQuota_32ThreadsRacingForQuota10_storesExactly10() throws Exception {
        List<Boolean> stored = Concurrently.run(32,
            t -> () -> store.insertWithinQuota(user(workspaceId(), "race-" + t, creatorKeyId(), NOW), 10, NOW).isPresent());

        assertThat(stored).filteredOn(Boolean::booleanValue).hasSize(10);
        long kept = java.util.stream.IntStream.range(0, 32)
            .filter(t -> store.findByExternalId(workspaceId(), "race-" + t).isPresent()).count();
        assertThat(kept).isEqualTo(10);
    }

    @Test
    public void saveVerificationCode_thenFind_roundTrips() {
        long id = store.insert(user("ext-1")).id();

        store.saveVerificationCode(id, "ab12", NOW.plus(Duration.ofHours(24)));

        assertThat(store.findVerificationCode(id)).contains(new VerificationCode(id, "ab12", NOW.plus(Duration.ofHours(24))));
    }

    @Test
    public void saveVerificationCode_twice_replacesTheFirst() {
        long id = store.insert(user("ext-1")).id();
        store.saveVerificationCode(id, "first", NOW.plusSeconds(60));

        store.saveVerificationCode(id, "second", NOW.plusSeconds(120));

        assertThat(store.findVerificationCode(id)).contains(new VerificationCode(id, "second", NOW.plusSeconds(120)));
    }

    @Test
    public void findVerificationCode_noneSaved_isEmpty() {
        long id = store.insert(user("ext-1")).id();

        assertThat(store.findVerificationCode(id)).isEmpty();
    }

    @Test
    public void findVerificationCode_otherUsersCode_isNotReturned() {
        long mine = store.insert(user("ext-1")).id();
        long theirs = store.insert(user("ext-2")).id();
        store.saveVerificationCode(theirs, "theirs", NOW.plusSeconds(60));

        assertThat(store.findVerificationCode(mine)).isEmpty();
    }

    @Test
    public void deleteVerificationCode_removesIt() {
        long id = store.insert(user("ext-1")).id();
        store.saveVerificationCode(id, "ab12", NOW.plusSeconds(60));

        store.deleteVerificationCode(id);

        assertThat(store.findVerificationCode(id)).isEmpty();
    }

    @Test
    public void deleteVerificationCode_noneSaved_doesNothing() {
        long id = store.insert(user("ext-1")).id();

        store.deleteVerificationCode(id);

        assertThat(store.findById(id)).isPresent();
        assertThat(store.findVerificationCode(id)).isEmpty();
    }
}
