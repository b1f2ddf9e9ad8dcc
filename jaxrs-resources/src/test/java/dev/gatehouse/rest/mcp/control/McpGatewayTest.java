package dev.gatehouse.rest.mcp.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.rest.mcp.gateway.FakeUpstream;
import dev.gatehouse.rest.mcp.gateway.ToolPatterns;
import dev.gatehouse.rest.mcp.gateway.UpstreamClient;
import dev.gatehouse.rest.mcp.gateway.UpstreamFailure;
import dev.gatehouse.webhooks.UrlPolicy;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link McpGateway}'s caches, sessions and address checks against a fake upstream on 127.0.0.1; time moves by hand. */
class McpGatewayTest {

    /** A clock the test moves; the upstream client's own deadlines use the real one. */
    static final class StepClock extends Clock {
        Instant now = Instant.parse("2026-12-06T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final StepClock clock = new StepClock();
    private final UpstreamClient client = new UpstreamClient(Clock.systemUTC(), 1 << 20, "test");
    private final UrlPolicy development = UrlPolicy.builder().allowHttp(true).allowPrivateTargets(true).build();
    private FakeUpstream upstream;

    @BeforeEach
    void start() throws IOException {
        upstream = new FakeUpstream(FakeUpstream.wellBehaved());
    }

    @AfterEach
    void stop() {
        client.close();
        upstream.close();
    }

    private UpstreamServer server(List<String> allowed, Instant version) {
        return new UpstreamServer(7, 1, "fake", "Fake", null, upstream.url().toString(), List.of("Authorization"),
                Map.of("Authorization", "Bearer k"), ToolPatterns.of(allowed), 5000, version, version);
    }

    @Test
    void tools_areRenamedFilteredByAllowedTools_andDropInvalidNames() {
        McpGateway gateway = new McpGateway(development, clock, client);
        McpGateway.Listing listing = gateway.tools(server(List.of("ech*", "bad*"), clock.now));
        assertThat(listing.failure()).isNull();
        assertThat(listing.tools()).extracting(t -> t.getString("name")).containsExactly("fake__echo");
    }

    @Test
    void tools_areCachedUntilTheTtl_orUntilTheServerChanges() {
        McpGateway gateway = new McpGateway(development, clock, client);
        Instant version = clock.now;
        gateway.tools(server(List.of(), version));
        gateway.tools(server(List.of(), version));
        assertThat(upstream.count("tools/list")).isEqualTo(1);
        clock.now = clock.now.plus(McpGateway.TOOLS_TTL);
        gateway.tools(server(List.of(), version));
        assertThat(upstream.count("tools/list")).isEqualTo(2);
        gateway.tools(server(List.of(), version.plusSeconds(1)));
        assertThat(upstream.count("tools/list")).isEqualTo(3);
        assertThat(upstream.count("initialize")).as("a changed server gets a new session").isEqualTo(2);
    }

    @Test
    void tools_aFailureIsRememberedForAWhile() {
        McpGateway gateway = new McpGateway(development, clock, client);
        upstream.answer = (x, m) -> FakeUpstream.send(x, 503, "text/plain", "down", null);
        UpstreamServer s = server(List.of(), clock.now);
        assertThat(gateway.tools(s).failure().kind()).isEqualTo(UpstreamFailure.Kind.HTTP_ERROR);
        upstream.answer = FakeUpstream.wellBehaved();
        assertThat(gateway.tools(s).failure()).as("still remembered").isNotNull();
        clock.now = clock.now.plus(McpGateway.FAILURE_TTL);
        assertThat(gateway.tools(s).failure()).isNull();
    }

    @Test
    void call_reusesTheSession_andOpensANewOneWhenTheUpstreamForgotIt() {
        McpGateway gateway = new McpGateway(development, clock, client);
        UpstreamServer s = server(List.of(), clock.now);
        JsonObject first = gateway.call(s, "echo", JsonObject.EMPTY_JSON_OBJECT);
        gateway.call(s, "echo", JsonObject.EMPTY_JSON_OBJECT);
        assertThat(first.getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("called echo");
        assertThat(upstream.count("initialize")).isEqualTo(1);
        FakeUpstream.Answer normal = FakeUpstream.wellBehaved();
        upstream.answer = (x, m) -> {
            if ("tools/call".equals(m.getString("method")) && upstream.count("initialize") == 1) {
                FakeUpstream.send(x, 404, "application/json", "{}", null);
            } else {
                normal.send(x, m);
            }
        };
        assertThat(gateway.call(s, "echo", JsonObject.EMPTY_JSON_OBJECT).getJsonArray("content")).hasSize(1);
        assertThat(upstream.count("initialize")).isEqualTo(2);
        assertThat(upstream.received).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer k"));
    }

    @Test
    void call_anUpstreamThatForgetsEverySession_isAnHttpErrorNotALoop() {
        McpGateway gateway = new McpGateway(development, clock, client);
        FakeUpstream.Answer normal = FakeUpstream.wellBehaved();
        upstream.answer = (x, m) -> {
            if ("tools/call".equals(m.getString("method"))) {
                FakeUpstream.send(x, 404, "application/json", "{}", null);
            } else {
                normal.send(x, m);
            }
        };
        assertThatThrownBy(() -> gateway.call(server(List.of(), clock.now), "echo", JsonObject.EMPTY_JSON_OBJECT))
                .isInstanceOfSatisfying(UpstreamFailure.class, f -> assertThat(f.kind()).isEqualTo(UpstreamFailure.Kind.HTTP_ERROR));
        assertThat(upstream.count("tools/call")).isEqualTo(2);
    }

    @Test
    void call_aUrlThePolicyRefuses_neverConnects() {
        McpGateway gateway = new McpGateway(UrlPolicy.strict(), clock, client);
        assertThatThrownBy(() -> gateway.call(server(List.of(), clock.now), "echo", JsonObject.EMPTY_JSON_OBJECT))
                .isInstanceOfSatisfying(UpstreamFailure.class, f -> assertThat(f.kind()).isEqualTo(UpstreamFailure.Kind.REFUSED_URL));
        assertThat(gateway.tools(server(List.of(), clock.now)).failure().kind()).isEqualTo(UpstreamFailure.Kind.REFUSED_URL);
        assertThat(upstream.received).isEmpty();
    }

    @Test
    void forget_dropsTheSession_soTheNextCallOpensANewOne() {
        McpGateway gateway = new McpGateway(development, clock, client);
        UpstreamServer s = server(List.of(), clock.now);
        gateway.call(s, "echo", JsonObject.EMPTY_JSON_OBJECT);
        gateway.forget(s);
        gateway.call(s, "echo", JsonObject.EMPTY_JSON_OBJECT);
        assertThat(upstream.count("initialize")).isEqualTo(2);
    }
}
