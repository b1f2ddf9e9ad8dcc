package dev.gatehouse.rest.mcp.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link UpstreamClient} against a real HTTP server on 127.0.0.1 playing a good or a bad MCP server. */
class UpstreamClientTest {

    private final UpstreamClient client = new UpstreamClient(Clock.systemUTC(), 4096, "test");
    private FakeUpstream upstream;

    @AfterEach
    void stop() {
        client.close();
        if (upstream != null) {
            upstream.close();
        }
    }

    private UpstreamClient.Target target(Duration timeout) {
        return new UpstreamClient.Target(upstream.url(), Map.of("Authorization", "Bearer up-secret"), timeout);
    }

    private UpstreamFailure.Kind failureOf(FakeUpstream.Answer answer) throws IOException {
        upstream = new FakeUpstream(answer);
        try {
            client.initialize(target(Duration.ofSeconds(5)));
        } catch (UpstreamFailure f) {
            return f.kind();
        }
        throw new AssertionError("no failure");
    }

    @Test
    void initialize_negotiatesTheRevision_keepsTheSession_andSendsTheStoredHeaders() throws IOException {
        upstream = new FakeUpstream(FakeUpstream.wellBehaved());
        UpstreamClient.Session session = client.initialize(target(Duration.ofSeconds(5)));
        assertThat(session).isEqualTo(new UpstreamClient.Session("s-1", "2025-06-18"));
        assertThat(upstream.received).hasSize(2);
        assertThat(upstream.received.get(0).body().getJsonObject("params").getString("protocolVersion")).isEqualTo("2025-11-25");
        assertThat(upstream.received.get(1).body().getString("method")).isEqualTo("notifications/initialized");
        assertThat(upstream.received.get(1).sessionId()).isEqualTo("s-1");
        assertThat(upstream.received.get(1).protocolVersion()).isEqualTo("2025-06-18");
        assertThat(upstream.received).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer up-secret"));
        assertThat(upstream.received).allSatisfy(r -> assertThat(r.contentType()).isEqualTo("application/json"));
        assertThat(upstream.received).allSatisfy(r -> assertThat(r.accept()).isEqualTo("application/json, text/event-stream"));
    }

    @Test
    void arguments_travelAsUtf8_andJsonAnswers_leaveTheConnectionForTheNextCall() throws IOException {
        upstream = new FakeUpstream(FakeUpstream.wellBehaved());
        UpstreamClient.Target t = target(Duration.ofSeconds(5));
        UpstreamClient.Session s = client.initialize(t);
        client.callTool(t, s, "echo", Json.createObjectBuilder().add("message", "grüße ✓").build());
        client.callTool(t, s, "echo", Json.createObjectBuilder().add("message", "again").build());
        assertThat(upstream.received.get(2).body().getJsonObject("params").getJsonObject("arguments").getString("message"))
                .isEqualTo("grüße ✓");
        assertThat(upstream.received.get(3).clientPort()).isEqualTo(upstream.received.get(2).clientPort());
    }

    @Test
    void listAndCall_overJson_returnTheUpstreamsAnswers() throws IOException {
        upstream = new FakeUpstream(FakeUpstream.wellBehaved());
        UpstreamClient.Target t = target(Duration.ofSeconds(5));
        UpstreamClient.Session s = client.initialize(t);
        assertThat(client.listTools(t, s)).extracting(o -> o.getString("name")).containsExactly("echo", "secret", "bad name!");
        JsonObject result = client.callTool(t, s, "echo", Json.createObjectBuilder().add("message", "hi").build());
        assertThat(result.getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("called echo");
        assertThat(upstream.received.get(3).body().getJsonObject("params").getJsonObject("arguments").getString("message")).isEqualTo("hi");
    }

    @Test
    void callTool_overAnEventStreamKeptOpen_returnsAtTheResponseEvent_skippingNotifications() throws IOException {
        upstream = new FakeUpstream(FakeUpstream.wellBehaved());
        UpstreamClient.Target t = target(Duration.ofSeconds(5));
        UpstreamClient.Session s = client.initialize(t);
        upstream.answer = (x, m) -> {
            x.getResponseHeaders().set("Content-Type", "text/event-stream");
            x.sendResponseHeaders(200, 0);
            OutputStream out = x.getResponseBody();
            out.write(("event: message\r\ndata: {\"jsonrpc\": \"2.0\", \"method\": \"notifications/message\", \"params\": {}}\r\n\r\n"
                    + ": a comment\n\nevent: message\nid: 7\ndata: {\"jsonrpc\": \"2.0\", \"id\": " + m.get("id")
                    + ", \"result\": {\"content\": [{\"type\": \"text\", \"text\": \"streamed\"}]}}\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            upstream.stall(); // never ends the stream
        };
        JsonObject result = client.callTool(t, s, "echo", JsonObject.EMPTY_JSON_OBJECT);
        assertThat(result.getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("streamed");
    }

    @Test
    void nothingListening_isUnreachable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        UpstreamClient.Target t = new UpstreamClient.Target(URI.create("http://127.0.0.1:" + port + "/mcp"), Map.of(), Duration.ofSeconds(5));
        assertThatThrownBy(() -> client.initialize(t)).isInstanceOfSatisfying(UpstreamFailure.class,
                f -> assertThat(f.kind()).isEqualTo(UpstreamFailure.Kind.UNREACHABLE));
    }

    @Test
    void anUpstreamThatNeverAnswers_timesOutWithinTheDeadline() throws IOException {
        upstream = new FakeUpstream((x, m) -> upstream.stall());
        long started = System.nanoTime();
        assertThatThrownBy(() -> client.initialize(target(Duration.ofMillis(300)))).isInstanceOfSatisfying(UpstreamFailure.class,
                f -> assertThat(f.kind()).isEqualTo(UpstreamFailure.Kind.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void anEventStreamThatNeverAnswers_timesOut() throws IOException {
        upstream = new FakeUpstream((x, m) -> {
            x.getResponseHeaders().set("Content-Type", "text/event-stream");
            x.sendResponseHeaders(200, 0);
            x.getResponseBody().write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
            x.getResponseBody().flush();
            upstream.stall();
        });
        assertThatThrownBy(() -> client.initialize(target(Duration.ofMillis(300)))).isInstanceOfSatisfying(UpstreamFailure.class,
                f -> assertThat(f.kind()).isEqualTo(UpstreamFailure.Kind.TIMEOUT));
    }

    @Test
    void garbage_isABadResponse() throws IOException {
        assertThat(failureOf((x, m) -> FakeUpstream.send(x, 200, "text/html", "<html>hello</html>", null)))
                .isEqualTo(UpstreamFailure.Kind.BAD_RESPONSE);
    }

    @Test
    void truncatedJson_isABadResponse() throws IOException {
        assertThat(failureOf((x, m) -> FakeUpstream.send(x, 200, "application/json", "{\"jsonrpc\": \"2.0\", \"id\": ", null)))
                .isEqualTo(UpstreamFailure.Kind.BAD_RESPONSE);
    }

    @Test
    void anAnswerToAnotherId_isABadResponse() throws IOException {
        assertThat(failureOf((x, m) -> FakeUpstream.send(x, 200, "application/json", "{\"jsonrpc\": \"2.0\", \"id\": 999999, \"result\": {}}", null)))
                .isEqualTo(UpstreamFailure.Kind.BAD_RESPONSE);
    }

    @Test
    void anEventStreamEndingWithoutTheResponse_isABadResponse() throws IOException {
        assertThat(failureOf((x, m) -> FakeUpstream.send(x, 200, "text/event-stream", "data: {\"jsonrpc\": \"2.0\", \"method\": \"x\"}\n\n", null)))
                .isEqualTo(UpstreamFailure.Kind.BAD_RESPONSE);
    }

    @Test
    void anAnswerOverTheLimit_isTooLarge() throws IOException {
        assertThat(failureOf((x, m) -> FakeUpstream.send(x, 200, "application/json", "{\"jsonrpc\": \"2.0\", \"id\": " + m.get("id")
                + ", \"result\": {\"pad\": \"" + "x".repeat(100_000) + "\"}}", null))).isEqualTo(UpstreamFailure.Kind.TOO_LARGE);
    }

    @Test
    void anHttpError_saysItsStatus() throws IOException {
        upstream = new FakeUpstream((x, m) -> FakeUpstream.send(x, 500, "text/plain", "x".repeat(100_000), null));
        assertThatThrownBy(() -> client.initialize(target(Duration.ofSeconds(5)))).isInstanceOfSatisfying(UpstreamFailure.class, f -> {
            assertThat(f.kind()).isEqualTo(UpstreamFailure.Kind.HTTP_ERROR);
            assertThat(f.getMessage()).isEqualTo("answered HTTP 500");
        });
    }

    @Test
    void aJsonRpcError_keepsItsCodeAndMessage() throws IOException {
        upstream = new FakeUpstream(FakeUpstream.wellBehaved());
        UpstreamClient.Target t = target(Duration.ofSeconds(5));
        UpstreamClient.Session s = client.initialize(t);
        upstream.answer = (x, m) -> FakeUpstream.send(x, 200, "application/json", "{\"jsonrpc\": \"2.0\", \"id\": " + m.get("id")
                + ", \"error\": {\"code\": -32602, \"message\": \"Unknown tool: nope\"}}", null);
        assertThatThrownBy(() -> client.callTool(t, s, "nope", JsonObject.EMPTY_JSON_OBJECT)).isInstanceOfSatisfying(UpstreamFailure.class, f -> {
            assertThat(f.kind()).isEqualTo(UpstreamFailure.Kind.RPC_ERROR);
            assertThat(f.rpcCode()).isEqualTo(-32602);
            assertThat(f.getMessage()).contains("Unknown tool: nope");
        });
    }

    @Test
    void aRevisionGatehouseDoesNotSpeak_isABadResponse() throws IOException {
        assertThat(failureOf((x, m) -> FakeUpstream.send(x, 200, "application/json", "{\"jsonrpc\": \"2.0\", \"id\": " + m.get("id")
                + ", \"result\": {\"protocolVersion\": \"2024-11-05\"}}", null))).isEqualTo(UpstreamFailure.Kind.BAD_RESPONSE);
    }

    @Test
    void aMalformedSessionId_isABadResponse() throws IOException {
        assertThat(failureOf((x, m) -> {
            x.getResponseHeaders().set("Mcp-Session-Id", "has space");
            FakeUpstream.send(x, 200, "application/json", "{\"jsonrpc\": \"2.0\", \"id\": " + m.get("id")
                    + ", \"result\": {\"protocolVersion\": \"2025-11-25\"}}", null);
        })).isEqualTo(UpstreamFailure.Kind.BAD_RESPONSE);
    }

    @Test
    void a404ToASession_asksForANewOne() throws IOException {
        upstream = new FakeUpstream(FakeUpstream.wellBehaved());
        UpstreamClient.Target t = target(Duration.ofSeconds(5));
        UpstreamClient.Session s = client.initialize(t);
        upstream.answer = (x, m) -> FakeUpstream.send(x, 404, "application/json", "{}", null);
        assertThatThrownBy(() -> client.listTools(t, s)).isInstanceOf(UpstreamClient.SessionExpired.class);
    }

    @Test
    void close_deletesTheSession() throws IOException {
        upstream = new FakeUpstream(FakeUpstream.wellBehaved());
        UpstreamClient.Target t = target(Duration.ofSeconds(5));
        client.close(t, client.initialize(t)).join();
        assertThat(upstream.received.get(2).method()).isEqualTo("DELETE");
        assertThat(upstream.received.get(2).sessionId()).isEqualTo("s-1");
    }

    @Test
    void failureMessages_neverHoldTheUrlOrTheHeaders() throws IOException {
        List<FakeUpstream.Answer> bad = List.of(
                (x, m) -> FakeUpstream.send(x, 200, "text/html", "<html>", null),
                (x, m) -> FakeUpstream.send(x, 401, "text/plain", "Bearer up-secret", null));
        for (FakeUpstream.Answer answer : bad) {
            upstream = new FakeUpstream(answer);
            assertThatThrownBy(() -> client.initialize(target(Duration.ofSeconds(5)))).isInstanceOfSatisfying(UpstreamFailure.class,
                    f -> assertThat(f.getMessage()).doesNotContain("127.0.0.1").doesNotContain("up-secret"));
            upstream.close();
        }
        upstream = null;
        assertThat(new UpstreamClient.Target(URI.create("http://127.0.0.1:1/mcp"), Map.of("Authorization", "Bearer up-secret"),
                Duration.ofSeconds(1)).toString()).doesNotContain("up-secret");
    }
}
