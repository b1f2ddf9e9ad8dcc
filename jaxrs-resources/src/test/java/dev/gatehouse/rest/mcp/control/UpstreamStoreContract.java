package dev.gatehouse.rest.mcp.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.entitlements.Concurrently;
import dev.gatehouse.errors.ValidationException;
import dev.gatehouse.rest.testing.TestDatabase;
import dev.gatehouse.webhooks.SecretCipher;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link UpstreamStore} on a real database, each call in a transaction of its own as the container runs it. */
abstract class UpstreamStoreContract {

    static final long WS = 41;
    static final long OTHER_WS = 42;
    private static final String SECRET = "Bearer upstream-s3cret-value";

    private final SecretCipher cipher = SecretCipher.fromBase64Key(SecretCipher.generateKey(new SecureRandom()));
    private Clock clock = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);

    abstract TestDatabase database();

    @BeforeEach
    void clean() {
        database().sql("DELETE FROM mcp_upstream_servers");
        database().workspace(WS, "free");
        database().workspace(OTHER_WS, "free");
    }

    private <T> T store(Function<UpstreamStore, T> work) {
        return database().inTransaction(em -> work.apply(new UpstreamStore(em, clock, cipher)));
    }

    private static UpstreamSpec spec(String slug) {
        return new UpstreamSpec(slug, "Upstream " + slug, "d", "https://mcp.example.com/" + slug,
                Map.of("Authorization", SECRET, "X-Team", "team-one-marker"), List.of("echo", "get-*"), null);
    }

    @Test
    void create_storesHeaderValuesOnlyEncrypted_andReadsThemBack() throws SQLException {
        UpstreamServer created = store(s -> s.create(WS, spec("one")));
        assertThat(created.headers()).containsEntry("Authorization", SECRET);
        assertThat(created.headerNames()).containsExactly("Authorization", "X-Team");
        assertThat(created.timeoutMs()).isEqualTo(UpstreamSpec.DEFAULT_TIMEOUT_MS);
        assertThat(created.allowedTools().patterns()).containsExactly("echo", "get-*");
        assertThat(created.toString()).doesNotContain("s3cret");
        try (Connection c = database().dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT headers, header_names FROM mcp_upstream_servers")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith(SecretCipher.VERSION_PREFIX).doesNotContain("s3cret").doesNotContain("team-one-marker");
            assertThat(rs.getString(2)).isEqualTo("Authorization X-Team");
        }
        Optional<UpstreamServer> read = store(s -> s.find(WS, "one"));
        assertThat(read).get().satisfies(found -> {
            assertThat(found.headers()).isEqualTo(Map.of("Authorization", SECRET, "X-Team", "team-one-marker"));
            assertThat(found.url()).isEqualTo("https://mcp.example.com/one");
        });
    }

    @Test
    void create_16RegistrationsOfOneSlugAtOnce_oneSucceeds_theOthersAreDuplicates() throws Exception {
        // Both inserted and one failed at commit (a 500) before registrations took turns on the workspace row.
        List<String> outcomes = Concurrently.run(16, t -> () -> {
            try {
                return store(s -> s.create(WS, spec("same"))).slug();
            } catch (UpstreamStore.DuplicateSlug duplicate) {
                return "duplicate";
            }
        });

        assertThat(outcomes).containsOnlyOnce("same").hasSize(16);
        assertThat(outcomes.stream().filter("duplicate"::equals)).hasSize(15);
        List<UpstreamServer> registered = store(s -> s.list(WS));
        assertThat(registered).hasSize(1);
    }

    @Test
    void create_moreDifferentSlugsAtOnceThanAllowed_neverPassTheWorkspaceLimit() throws Exception {
        List<String> outcomes = Concurrently.run(UpstreamSpec.MAX_SERVERS + 7, t -> () -> {
            try {
                return store(s -> s.create(WS, spec("s" + t))).slug();
            } catch (ValidationException full) {
                return "full";
            }
        });

        assertThat(outcomes.stream().filter(o -> !o.equals("full"))).hasSize(UpstreamSpec.MAX_SERVERS);
        List<UpstreamServer> registered = store(s -> s.list(WS));
        assertThat(registered).hasSize(UpstreamSpec.MAX_SERVERS);
    }

    @Test
    void create_aSlugTheWorkspaceHas_isADuplicate_butAnotherWorkspaceMayUseIt() {
        store(s -> s.create(WS, spec("one")));
        assertThatThrownBy(() -> store(s -> s.create(WS, spec("one")))).isInstanceOf(UpstreamStore.DuplicateSlug.class);
        assertThat(store(s -> s.create(OTHER_WS, spec("one"))).workspaceId()).isEqualTo(OTHER_WS);
    }

    @Test
    void create_pastTheLimit_isRefused() {
        for (int i = 0; i < UpstreamSpec.MAX_SERVERS; i++) {
            String slug = "s" + i;
            store(s -> s.create(WS, spec(slug)));
        }
        assertThatThrownBy(() -> store(s -> s.create(WS, spec("one-more")))).isInstanceOf(ValidationException.class);
    }

    @Test
    void findAndList_seeOnlyTheirWorkspace_bySlug() {
        store(s -> s.create(WS, spec("b")));
        store(s -> s.create(WS, spec("a")));
        store(s -> s.create(OTHER_WS, spec("c")));
        List<UpstreamServer> listed = store(s -> s.list(WS));
        assertThat(listed).extracting(UpstreamServer::slug).containsExactly("a", "b");
        Optional<UpstreamServer> foreign = store(s -> s.find(OTHER_WS, "a"));
        assertThat(foreign).isEmpty();
    }

    @Test
    void update_changesOnlyWhatIsGiven_emptyClears_andMovesTheVersion() {
        UpstreamServer created = store(s -> s.create(WS, spec("one")));
        clock = Clock.offset(clock, java.time.Duration.ofMinutes(1));
        UpstreamServer renamed = store(s -> s.update(WS, "one", new UpstreamSpec(null, "Renamed", null, null, null, null, 5000))).orElseThrow();
        assertThat(renamed.name()).isEqualTo("Renamed");
        assertThat(renamed.headers()).isEqualTo(created.headers());
        assertThat(renamed.timeoutMs()).isEqualTo(5000);
        assertThat(renamed.updatedAt()).isAfter(created.updatedAt());
        UpstreamServer cleared = store(s -> s.update(WS, "one", new UpstreamSpec(null, null, "", null, Map.of(), List.of(), null))).orElseThrow();
        assertThat(cleared.headers()).isEmpty();
        assertThat(cleared.headerNames()).isEmpty();
        assertThat(cleared.description()).isNull();
        assertThat(cleared.allowedTools().patterns()).isEmpty();
        Optional<UpstreamServer> foreign = store(s -> s.update(OTHER_WS, "one", new UpstreamSpec(null, "x", null, null, null, null, null)));
        assertThat(foreign).isEmpty();
    }

    @Test
    void delete_removesOnlyTheWorkspacesServer() {
        store(s -> s.create(WS, spec("one")));
        boolean foreign = store(s -> s.delete(OTHER_WS, "one"));
        boolean first = store(s -> s.delete(WS, "one"));
        boolean second = store(s -> s.delete(WS, "one"));
        List<UpstreamServer> left = store(s -> s.list(WS));
        assertThat(foreign).isFalse();
        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(left).isEmpty();
    }
}
