package dev.gatehouse.rest.platform.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.keys.InMemoryWorkspaceStore;
import dev.gatehouse.keys.MutableClock;
import dev.gatehouse.keys.Workspace;
import dev.gatehouse.keys.WorkspacePatch;
import dev.gatehouse.keys.WorkspaceStore;
import dev.gatehouse.keys.Workspaces;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkspaceCacheTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T12:00:00Z"));
    private final AtomicInteger reads = new AtomicInteger();
    private final Runnable[] duringRead = {null};
    private final WorkspaceStore store = new CountingStore();
    private final Workspaces workspaces = Workspaces.builder().store(store).clock(clock)
            .tiers(List.of("free", "pro")).build();
    private final WorkspaceCache cache = new WorkspaceCache(workspaces, clock, 30_000);

    @Test
    void find_twice_readsTheStoreOnce() {
        long id = workspaces.create("Acme", null, "free", null).id();

        assertThat(cache.find(id)).map(Workspace::tier).contains("free");
        assertThat(cache.find(id)).map(Workspace::tier).contains("free");

        assertThat(reads).hasValue(1);
    }

    @Test
    void forget_thenFind_readsTheChange() {
        long id = workspaces.create("Acme", null, "free", null).id();
        cache.find(id);
        workspaces.update(id, tier("pro"));

        assertThat(cache.find(id)).map(Workspace::tier).contains("free");
        cache.forget(id);
        assertThat(cache.find(id)).map(Workspace::tier).contains("pro");
    }

    @Test
    void forgetAll_dropsEveryEntry() {
        long id = workspaces.create("Acme", null, "free", null).id();
        cache.find(id);
        workspaces.delete(id);

        cache.forgetAll();

        assertThat(cache.find(id)).isEmpty();
    }

    @Test
    void entry_expiresAfterItsLifetime() {
        long id = workspaces.create("Acme", null, "free", null).id();
        cache.find(id);
        workspaces.update(id, tier("pro"));

        clock.advance(Duration.ofSeconds(29));
        assertThat(cache.find(id)).map(Workspace::tier).contains("free");
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.find(id)).map(Workspace::tier).contains("pro");
    }

    @Test
    void absentWorkspace_isNotCached() {
        assertThat(cache.find(42)).isEmpty();
        long id = workspaces.create("Acme", null, "free", null).id();

        assertThat(cache.find(id)).isPresent();
    }

    /** A change committed while a load was reading the old row: the old row is not kept. */
    @Test
    void forget_duringALoad_keepsTheLoadedRowOut() {
        long id = workspaces.create("Acme", null, "free", null).id();
        duringRead[0] = () -> {
            duringRead[0] = null;
            cache.forget(id);
        };

        cache.find(id);
        cache.find(id);

        assertThat(reads).hasValue(2);
    }

    private static WorkspacePatch tier(String tier) {
        return new WorkspacePatch(Optional.empty(), Optional.empty(), Optional.of(tier), Optional.empty(), Optional.empty());
    }

    /** Counts every read of a workspace row; can run something in the middle of one. */
    private final class CountingStore extends InMemoryWorkspaceStore {
        @Override
        public Optional<Workspace> findById(long id) {
            Optional<Workspace> found = super.findById(id);
            reads.incrementAndGet();
            Runnable r = duringRead[0];
            if (r != null) {
                r.run();
            }
            return found;
        }
    }
}
