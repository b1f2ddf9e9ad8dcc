package dev.gatehouse.rest.mcp.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.rest.mcp.gateway.ToolPatterns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link UpstreamServers}: one load per workspace until a drop or the TTL, and no stale load outliving a drop. */
class UpstreamServersTest {

    private final McpGatewayTest.StepClock clock = new McpGatewayTest.StepClock();
    /** The "database": each workspace's servers; loads counts the reads. */
    private final Map<Long, List<UpstreamServer>> rows = new HashMap<>();
    private final List<Long> loads = new ArrayList<>();
    private Runnable duringLoad = () -> { };
    private final UpstreamServers servers = new UpstreamServers(ws -> {
        loads.add(ws);
        List<UpstreamServer> read = rows.getOrDefault(ws, List.of());
        duringLoad.run();
        return read;
    }, clock);

    private static UpstreamServer server(long ws, String slug, String url) {
        Instant at = Instant.parse("2026-12-06T10:00:00Z");
        return new UpstreamServer(slug.hashCode(), ws, slug, slug, null, url, List.of(), Map.of(), ToolPatterns.of(List.of()),
                5000, at, at);
    }

    @Test
    void find_readsEachWorkspaceOnce_untilTheTtl() {
        rows.put(1L, List.of(server(1, "one", "http://a/mcp"), server(1, "two", "http://b/mcp")));
        rows.put(2L, List.of(server(2, "one", "http://c/mcp")));
        assertThat(servers.find(1, "one")).map(UpstreamServer::url).contains("http://a/mcp");
        assertThat(servers.find(1, "two")).map(UpstreamServer::url).contains("http://b/mcp");
        assertThat(servers.find(1, "three")).isEmpty();
        assertThat(servers.find(2, "one")).map(UpstreamServer::url).contains("http://c/mcp");
        assertThat(servers.list(1)).extracting(UpstreamServer::slug).containsExactly("one", "two");
        assertThat(loads).containsExactly(1L, 2L);

        clock.now = clock.now.plus(UpstreamServers.TTL).minusMillis(1);
        servers.find(1, "one");
        assertThat(loads).hasSize(2);
        clock.now = clock.now.plusMillis(1);
        servers.find(1, "one");
        assertThat(loads).containsExactly(1L, 2L, 1L);
    }

    @Test
    void forget_dropsOneWorkspace_soTheNextCallSeesTheChange() {
        rows.put(1L, List.of(server(1, "one", "http://a/mcp")));
        rows.put(2L, List.of(server(2, "one", "http://c/mcp")));
        servers.find(1, "one");
        servers.find(2, "one");

        rows.put(1L, List.of(server(1, "one", "http://changed/mcp"), server(1, "new", "http://n/mcp")));
        assertThat(servers.find(1, "one")).as("cached until dropped").map(UpstreamServer::url).contains("http://a/mcp");
        servers.forget(1);
        assertThat(servers.find(1, "one")).map(UpstreamServer::url).contains("http://changed/mcp");
        assertThat(servers.find(1, "new")).as("a registration is seen too").isPresent();
        servers.find(2, "one");
        assertThat(loads).containsExactly(1L, 2L, 1L);

        rows.put(1L, List.of());
        servers.forget(1);
        assertThat(servers.find(1, "one")).as("a removal is seen").isEmpty();
    }

    @Test
    void forgetAll_dropsEveryWorkspace() {
        rows.put(1L, List.of(server(1, "one", "http://a/mcp")));
        rows.put(2L, List.of(server(2, "one", "http://c/mcp")));
        servers.find(1, "one");
        servers.find(2, "one");
        servers.forgetAll();
        servers.find(1, "one");
        servers.find(2, "one");
        assertThat(loads).containsExactly(1L, 2L, 1L, 2L);
    }

    @Test
    void aLoadThatReadTheOldRowsBeforeADrop_isNotKept() {
        rows.put(1L, List.of(server(1, "one", "http://old/mcp")));
        // The change commits and is dropped while this load is between its read and its put.
        duringLoad = () -> {
            rows.put(1L, List.of(server(1, "one", "http://new/mcp")));
            servers.forget(1);
        };
        assertThat(servers.find(1, "one")).as("this call answers with what it read").map(UpstreamServer::url)
                .contains("http://old/mcp");
        duringLoad = () -> { };
        assertThat(servers.find(1, "one")).as("but the next reads again").map(UpstreamServer::url).contains("http://new/mcp");
        assertThat(loads).hasSize(2);
    }
}
