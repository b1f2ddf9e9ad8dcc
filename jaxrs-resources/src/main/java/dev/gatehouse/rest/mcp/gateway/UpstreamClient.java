package dev.gatehouse.rest.mcp.gateway;

import dev.gatehouse.webhooks.OutboundHttp;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpDelete;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Gatehouse as an MCP client of one upstream server over Streamable HTTP: {@code initialize} (with
 * revision negotiation and the upstream's {@code Mcp-Session-Id}), {@code notifications/initialized},
 * {@code tools/list} and {@code tools/call}. Each public method runs under one deadline, however many
 * HTTP exchanges it takes; every failure is an {@link UpstreamFailure}.
 */
public final class UpstreamClient implements AutoCloseable {

    /** The revisions Gatehouse speaks, newest first (also those {@code /mcp} serves). */
    public static final List<String> VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26");
    /** The largest answer accepted by default: 4 MiB. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
    /** At most this many pages of {@code tools/list} are read. */
    static final int MAX_TOOL_PAGES = 20;

    private static final JsonProvider JSON = JsonProvider.provider();
    /** {@code application/json} as it is, without a charset parameter: JSON is UTF-8. */
    private static final ContentType JSON_TYPE = ContentType.create("application/json");
    private static final Pattern SESSION_ID = Pattern.compile("[\\x21-\\x7e]{1,1024}");

    private final CloseableHttpClient http;
    private final ExecutorService background;
    private final Clock clock;
    private final int maxResponseBytes;
    private final String clientVersion;
    private final AtomicLong ids = new AtomicLong();

    /**
     * A client with its own connection pool; {@link #close()} ends it.
     *
     * @param clock            for deadlines
     * @param maxResponseBytes the largest answer accepted
     * @param clientVersion    Gatehouse's version, sent as {@code clientInfo.version}
     */
    public UpstreamClient(Clock clock, int maxResponseBytes, String clientVersion) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxResponseBytes < 1024) {
            throw new IllegalArgumentException("maxResponseBytes must be at least 1024, was " + maxResponseBytes);
        }
        this.maxResponseBytes = maxResponseBytes;
        this.clientVersion = Objects.requireNonNull(clientVersion, "clientVersion");
        this.http = OutboundHttp.pooledClient();
        this.background = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "gatehouse-mcp-gateway");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A client accepting answers up to {@link #DEFAULT_MAX_RESPONSE_BYTES}. */
    public static UpstreamClient create(Clock clock, String clientVersion) {
        return new UpstreamClient(clock, DEFAULT_MAX_RESPONSE_BYTES, clientVersion);
    }

    /** Closes the connections and stops the client's threads. */
    @Override
    public void close() {
        background.shutdownNow();
        http.close(CloseMode.IMMEDIATE);
    }

    /**
     * Where to connect.
     *
     * @param url     the upstream's Streamable HTTP endpoint
     * @param headers extra headers (credentials); never printed
     * @param timeout the deadline of each operation
     */
    public record Target(URI url, Map<String, String> headers, Duration timeout) {
        public Target {
            headers = Map.copyOf(headers);
        }

        @Override
        public String toString() {
            return "Target[headers=" + headers.keySet() + ", timeout=" + timeout + "]";
        }
    }

    /**
     * An initialized connection: the session id the upstream gave (null when it keeps none) and the
     * negotiated revision.
     */
    public record Session(String id, String protocolVersion) {
    }

    /** The upstream asked for a new session (HTTP 404 to a request carrying a session id). */
    public static final class SessionExpired extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SessionExpired() {
            super("session expired", null, false, false);
        }
    }

    /** Opens a session: {@code initialize}, then {@code notifications/initialized}. */
    public Session initialize(Target target) {
        Instant deadline = clock.instant().plus(target.timeout());
        JsonObject params = JSON.createObjectBuilder()
                .add("protocolVersion", VERSIONS.get(0))
                .add("capabilities", JsonValue.EMPTY_JSON_OBJECT)
                .add("clientInfo", JSON.createObjectBuilder().add("name", "gatehouse-gateway").add("version", clientVersion))
                .build();
        Exchange first = exchange(target, null, "initialize", params, deadline);
        JsonObject result = first.result();
        String version = result.get("protocolVersion") instanceof JsonString s ? s.getString() : null;
        if (version == null || !VERSIONS.contains(version)) {
            throw new UpstreamFailure(UpstreamFailure.Kind.BAD_RESPONSE, version == null
                    ? "answered initialize without a protocolVersion"
                    : "speaks MCP revision " + printable(version) + ", which Gatehouse does not (" + String.join(", ", VERSIONS) + ")");
        }
        Session session = new Session(first.sessionId(), version);
        send(target, session, JSON.createObjectBuilder().add("jsonrpc", "2.0").add("method", "notifications/initialized").build(),
                null, deadline);
        return session;
    }

    /**
     * Lists the upstream's tools, following {@code nextCursor} for up to {@value #MAX_TOOL_PAGES} pages.
     *
     * @throws SessionExpired when the upstream no longer knows the session
     */
    public List<JsonObject> listTools(Target target, Session session) {
        Instant deadline = clock.instant().plus(target.timeout());
        List<JsonObject> tools = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < MAX_TOOL_PAGES; page++) {
            JsonObjectBuilder params = JSON.createObjectBuilder();
            if (cursor != null) {
                params.add("cursor", cursor);
            }
            JsonObject result = exchange(target, session, "tools/list", params.build(), deadline).result();
            if (!(result.get("tools") instanceof JsonArray list)) {
                throw new UpstreamFailure(UpstreamFailure.Kind.BAD_RESPONSE, "answered tools/list without a tools array");
            }
            for (JsonValue tool : list) {
                if (tool instanceof JsonObject t && t.get("name") instanceof JsonString) {
                    tools.add(t);
                }
            }
            cursor = result.get("nextCursor") instanceof JsonString s ? s.getString() : null;
            if (cursor == null) {
                break;
            }
        }
        return tools;
    }

    /**
     * Calls one tool and returns the upstream's {@code CallToolResult} as it is.
     *
     * @throws SessionExpired when the upstream no longer knows the session
     */
    public JsonObject callTool(Target target, Session session, String tool, JsonObject arguments) {
        Instant deadline = clock.instant().plus(target.timeout());
        JsonObject params = JSON.createObjectBuilder().add("name", tool).add("arguments", arguments).build();
        JsonObject result = exchange(target, session, "tools/call", params, deadline).result();
        if (!(result.get("content") instanceof JsonArray)) {
            throw new UpstreamFailure(UpstreamFailure.Kind.BAD_RESPONSE, "answered tools/call without a content array");
        }
        return result;
    }

    /**
     * Ends a session the upstream keeps (HTTP DELETE), without waiting; failures are ignored, the
     * session is dropped anyway.
     *
     * @return done when the upstream answered or the attempt failed
     */
    public CompletableFuture<?> close(Target target, Session session) {
        if (session.id() == null) {
            return CompletableFuture.completedFuture(null);
        }
        HttpDelete request = new HttpDelete(target.url());
        request.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(2))
                .setConnectionRequestTimeout(Timeout.ofSeconds(2)).build());
        headers(request, target, session);
        return CompletableFuture.runAsync(() -> {
            try (OutboundHttp.Deadline expiry = OutboundHttp.cancelAfter(Duration.ofSeconds(2), request)) {
                http.execute(request, response -> null);
            } catch (IOException | RuntimeException ignored) {
                // the session is dropped anyway
            }
        }, background);
    }

    private record Exchange(JsonObject result, String sessionId) {
    }

    /** An answer: the JSON-RPC message (null for a notification's) and the session id it gave. */
    private record Answer(JsonObject body, String sessionId) {
    }

    private Exchange exchange(Target target, Session session, String method, JsonObject params, Instant deadline) {
        long id = ids.incrementAndGet();
        JsonObject message = JSON.createObjectBuilder().add("jsonrpc", "2.0").add("id", id).add("method", method)
                .add("params", params).build();
        Answer response = send(target, session, message, Long.toString(id), deadline);
        JsonObject answer = response.body();
        if (answer.get("error") instanceof JsonObject error) {
            int code = error.get("code") instanceof jakarta.json.JsonNumber n ? n.intValue() : 0;
            String text = error.get("message") instanceof JsonString s ? s.getString() : "(no message)";
            throw new UpstreamFailure(UpstreamFailure.Kind.RPC_ERROR, "answered " + method + " with JSON-RPC error "
                    + code + ": " + printable(text), code, null);
        }
        if (!(answer.get("result") instanceof JsonObject result)) {
            throw new UpstreamFailure(UpstreamFailure.Kind.BAD_RESPONSE, "answered " + method + " without a result object");
        }
        String sessionId = response.sessionId() != null ? response.sessionId() : session == null ? null : session.id();
        if (sessionId != null && !SESSION_ID.matcher(sessionId).matches()) {
            // MCP says visible ASCII; anything else could not be sent back as a header.
            throw new UpstreamFailure(UpstreamFailure.Kind.BAD_RESPONSE, "gave a malformed Mcp-Session-Id");
        }
        return new Exchange(result, sessionId);
    }

    /**
     * One POST, on the caller's thread; for a notification ({@code id} null) any 2xx will do. The
     * deadline covers everything: waiting for a pooled connection, connecting, the headers and a body
     * still arriving (then the request is cancelled and its connection closed).
     */
    private Answer send(Target target, Session session, JsonObject message, String id, Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw timeout(target);
        }
        HttpPost request;
        try {
            request = new HttpPost(target.url());
        } catch (IllegalArgumentException unusable) {
            // a URL the HTTP client refuses; registration checks it, so this is a safety net
            throw new UpstreamFailure(UpstreamFailure.Kind.REFUSED_URL, "could not be called: the request to it is not valid HTTP");
        }
        request.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(left)).setConnectionRequestTimeout(Timeout.of(left))
                .build());
        request.setHeader("Accept", "application/json, text/event-stream");
        headers(request, target, session);
        request.setEntity(new ByteArrayEntity(message.toString().getBytes(StandardCharsets.UTF_8), JSON_TYPE));
        OutboundHttp.Deadline expiry = OutboundHttp.cancelAfter(left, request);
        boolean handedOver = false;
        boolean readToTheEnd = false;
        ClassicHttpResponse response = null;
        try {
            response = http.executeOpen(null, request, null);
            int status = response.getCode();
            if (status == 404 && session != null && session.id() != null) {
                throw new SessionExpired();
            }
            if (status / 100 != 2) {
                throw new UpstreamFailure(UpstreamFailure.Kind.HTTP_ERROR, "answered HTTP " + status);
            }
            Header sessionHeader = response.getFirstHeader("Mcp-Session-Id");
            String sessionId = sessionHeader == null ? null : sessionHeader.getValue();
            HttpEntity entity = response.getEntity();
            if (id == null) { // a notification: the answer's body does not matter
                if (entity != null && entity.getContentLength() != 0) {
                    handedOver = true;
                    letGo(request, response);
                } else {
                    readToTheEnd = true;
                }
                return new Answer(null, sessionId);
            }
            if (entity == null) {
                throw new UpstreamFailure(UpstreamFailure.Kind.BAD_RESPONSE, "answered HTTP " + status + " without a body");
            }
            Header type = response.getFirstHeader("Content-Type");
            ResponseReader reader = new ResponseReader(id, maxResponseBytes, type == null ? null : type.getValue());
            JsonObject body = reader.read(entity.getContent());
            if (reader.streamOpen()) {
                handedOver = true;
                letGo(request, response);
            } else {
                readToTheEnd = true;
            }
            return new Answer(body, sessionId);
        } catch (IOException e) {
            if (expiry.expired()) {
                throw timeout(target);
            }
            throw translate(e, target);
        } finally {
            expiry.close();
            if (!handedOver && response != null) {
                if (!readToTheEnd) {
                    request.cancel(); // an answer not read to its end: close its connection rather than drain it
                }
                closeQuietly(response);
            }
        }
    }

    /**
     * An event stream that answered but is not over: it is read to its end (and dropped) in the
     * background for up to {@link ResponseReader#LINGER} — most servers end it right after the
     * response, and a stream read to its end leaves the connection open for the next request; one that
     * keeps it open is cut. The caller has its answer meanwhile.
     */
    private void letGo(HttpUriRequestBase request, ClassicHttpResponse response) {
        try {
            background.execute(() -> {
                try (OutboundHttp.Deadline cut = OutboundHttp.cancelAfter(ResponseReader.LINGER, request)) {
                    EntityUtils.consume(response.getEntity());
                } catch (IOException | RuntimeException cutOrBroken) {
                    // the connection is closed instead of reused
                } finally {
                    closeQuietly(response);
                }
            });
        } catch (RejectedExecutionException closing) {
            request.cancel();
            closeQuietly(response);
        }
    }

    /** Releases a response; its connection goes back to the pool when its body was read to its end. */
    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException | RuntimeException ignored) {
            // nothing more to release
        }
    }

    private static void headers(HttpUriRequestBase request, Target target, Session session) {
        target.headers().forEach(request::setHeader);
        if (session != null) {
            request.setHeader("MCP-Protocol-Version", session.protocolVersion());
            if (session.id() != null) {
                request.setHeader("Mcp-Session-Id", session.id());
            }
        }
    }

    private static UpstreamFailure timeout(Target target) {
        return new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, "did not answer within " + target.timeout().toMillis() + " ms");
    }

    /** What a failed exchange means. */
    private static UpstreamFailure translate(IOException cause, Target target) {
        if (cause instanceof ConnectTimeoutException) {
            return new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, "could not be connected to in time", null, cause);
        }
        if (cause instanceof SocketTimeoutException || cause instanceof ConnectionRequestTimeoutException) {
            return timeout(target);
        }
        if (cause instanceof ConnectException) {
            return new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, "could not be reached (connection refused)", null, cause);
        }
        return new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, "could not be reached ("
                + cause.getClass().getSimpleName() + ")", null, cause);
    }

    private static String printable(String text) {
        String s = text.replaceAll("[\\p{Cntrl}]", " ");
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
