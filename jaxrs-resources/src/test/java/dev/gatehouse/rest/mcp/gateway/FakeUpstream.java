package dev.gatehouse.rest.mcp.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An MCP server for tests on 127.0.0.1, answering each JSON-RPC request with what {@link #answer}
 * says; it records every request it got. {@link #close()} releases handlers that wait on {@link #hold}.
 */
public final class FakeUpstream implements AutoCloseable {

    /** What to send back for one request. */
    @FunctionalInterface
    public interface Answer {
        void send(HttpExchange exchange, JsonObject request) throws IOException;
    }

    /** One request as received. */
    public record Received(String method, JsonObject body, String authorization, String sessionId, String protocolVersion,
                           String contentType, String accept, int clientPort) {
    }

    public final List<Received> received = new CopyOnWriteArrayList<>();
    public final CountDownLatch hold = new CountDownLatch(1);
    private final HttpServer server;
    public volatile Answer answer;

    public FakeUpstream(Answer answer) throws IOException {
        this.answer = answer;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/mcp", x -> {
            String text = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonObject body = text.isEmpty() ? null : Json.createReader(new StringReader(text)).readObject();
            received.add(new Received(x.getRequestMethod(), body, x.getRequestHeaders().getFirst("Authorization"),
                    x.getRequestHeaders().getFirst("Mcp-Session-Id"), x.getRequestHeaders().getFirst("MCP-Protocol-Version"),
                    x.getRequestHeaders().getFirst("Content-Type"), x.getRequestHeaders().getFirst("Accept"),
                    x.getRemoteAddress().getPort()));
            if (body == null) {
                x.sendResponseHeaders(200, -1);
                x.close();
                return;
            }
            if (!body.containsKey("id")) {
                x.sendResponseHeaders(202, -1);
                x.close();
                return;
            }
            this.answer.send(x, body);
        });
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mcp");
    }

    /** The requests of one JSON-RPC method. */
    public long count(String method) {
        return received.stream().filter(r -> r.body() != null && method.equals(r.body().getString("method", null))).count();
    }

    @Override
    public void close() {
        hold.countDown();
        server.stop(0);
    }

    /** Waits until the test ends: an upstream that never answers. */
    public void stall() {
        try {
            hold.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void send(HttpExchange x, int status, String type, String body, String sessionId) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        if (sessionId != null) {
            x.getResponseHeaders().set("Mcp-Session-Id", sessionId);
        }
        x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        } catch (IOException readerGaveUp) {
            // the client stopped reading (too large)
        }
    }

    /** A well-behaved server: sessions {@code s-1}, revision 2025-06-18, tools echo, secret and tools/call echoing. */
    public static Answer wellBehaved() {
        return (x, m) -> {
            String id = m.get("id").toString();
            String result = switch (m.getString("method")) {
                case "initialize" -> "{\"protocolVersion\": \"2025-06-18\", \"capabilities\": {}, \"serverInfo\": {\"name\": \"fake\", \"version\": \"1\"}}";
                case "tools/list" -> "{\"tools\": [{\"name\": \"echo\", \"inputSchema\": {\"type\": \"object\"}},"
                        + " {\"name\": \"secret\", \"inputSchema\": {\"type\": \"object\"}}, {\"name\": \"bad name!\", \"inputSchema\": {}}]}";
                case "tools/call" -> "{\"content\": [{\"type\": \"text\", \"text\": \"called " + m.getJsonObject("params").getString("name") + "\"}]}";
                default -> null;
            };
            send(x, 200, "application/json", result == null
                    ? "{\"jsonrpc\": \"2.0\", \"id\": " + id + ", \"error\": {\"code\": -32601, \"message\": \"no\"}}"
                    : "{\"jsonrpc\": \"2.0\", \"id\": " + id + ", \"result\": " + result + "}", "s-1");
        };
    }
}
