package dev.gatehouse.rest.mcp.gateway;

import dev.gatehouse.webhooks.HttpDeadlines;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Gatehouse as an MCP client of one upstream server over Streamable HTTP: {@code initialize} (with
 * revision negotiation and the upstream's {@code Mcp-Session-Id}), {@code notifications/initialized},
 * {@code tools/list} and {@code tools/call}. Each public method runs under one deadline, however many
 * HTTP exchanges it takes; every failure is an {@link UpstreamFailure}.
 */
public final class UpstreamClient {

    /** The revisions Gatehouse speaks, newest first (also those {@code /mcp} serves). */
    public static final List<String> VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26");
    /** The largest answer accepted by default: 4 MiB. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
    /** At most this many pages of {@code tools/list} are read. */
    static final int MAX_TOOL_PAGES = 20;

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Pattern SESSION_ID = Pattern.compile("[\\x21-\\x7e]{1,1024}");

    private final HttpClient http;
    private final Clock clock;
    private final int maxResponseBytes;
    private final String clientVersion;
    private final AtomicLong ids = new AtomicLong();

    /**
     * @param http             the HTTP client (its redirect policy should be {@code NEVER})
     * @param clock            for deadlines
     * @param maxResponseBytes the largest answer accepted
     * @param clientVersion    Gatehouse's version, sent as {@code clientInfo.version}
     */
    public UpstreamClient(HttpClient http, Clock clock, int maxResponseBytes, String clientVersion) {
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxResponseBytes < 1024) {
            throw new IllegalArgumentException("maxResponseBytes must be at least 1024, was " + maxResponseBytes);
        }
        this.maxResponseBytes = maxResponseBytes;
        this.clientVersion = Objects.requireNonNull(clientVersion, "clientVersion");
    }

    /** A client with a fresh {@code HttpClient} that follows no redirects. */
    public static UpstreamClient create(Clock clock, String clientVersion) {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
        return new UpstreamClient(http, clock, DEFAULT_MAX_RESPONSE_BYTES, clientVersion);
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
        HttpRequest.Builder request = HttpRequest.newBuilder(target.url()).version(version(target)).timeout(Duration.ofSeconds(2))
                .DELETE();
        headers(request, target, session);
        // Asynchronous on purpose: nobody waits for it, so its completion thread costs no caller time.
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).handle((r, e) -> null);
    }

    private record Exchange(JsonObject result, String sessionId) {
    }

    /**
     * The deadline of one exchange and the reader of its answer, which exists only once the headers
     * arrived: whichever comes second ends the reading.
     */
    private static final class Watch implements Consumer<ResponseReader> {
        private ResponseReader reader;
        private UpstreamFailure expired;

        @Override
        public synchronized void accept(ResponseReader created) {
            reader = created;
            if (expired != null) {
                created.expire(expired);
            }
        }

        synchronized void expire(UpstreamFailure failure) {
            expired = failure;
            if (reader != null) {
                reader.expire(failure);
            }
        }
    }

    private Exchange exchange(Target target, Session session, String method, JsonObject params, Instant deadline) {
        long id = ids.incrementAndGet();
        JsonObject message = JSON.createObjectBuilder().add("jsonrpc", "2.0").add("id", id).add("method", method)
                .add("params", params).build();
        HttpResponse<JsonObject> response = send(target, session, message, Long.toString(id), deadline);
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
        String sessionId = response.headers().firstValue("mcp-session-id").orElse(session == null ? null : session.id());
        if (sessionId != null && !SESSION_ID.matcher(sessionId).matches()) {
            // MCP says visible ASCII; anything else could not be sent back as a header.
            throw new UpstreamFailure(UpstreamFailure.Kind.BAD_RESPONSE, "gave a malformed Mcp-Session-Id");
        }
        return new Exchange(result, sessionId);
    }

    /**
     * One POST; for a notification ({@code id} null) any 2xx will do. It blocks in {@code send} (not
     * {@code sendAsync(…).get()}, see {@link HttpDeadlines}): the request timeout ends the wait for the
     * answer's headers, the deadline an answer whose body is still arriving.
     */
    private HttpResponse<JsonObject> send(Target target, Session session, JsonObject message, String id, Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw timeout(target);
        }
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(target.url()).timeout(left)
                    .version(version(target))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(message.toString(), StandardCharsets.UTF_8));
            headers(builder, target, session);
            request = builder.build();
        } catch (IllegalArgumentException unusable) {
            // a header or URL the HTTP client refuses; registration checks both, so this is a safety net
            throw new UpstreamFailure(UpstreamFailure.Kind.REFUSED_URL, "could not be called: the request to it is not valid HTTP");
        }
        Watch watch = new Watch();
        ScheduledFuture<?> expiry = HttpDeadlines.after(left, () -> watch.expire(timeout(target)));
        HttpResponse<JsonObject> response;
        try {
            response = http.send(request, ResponseReader.handler(id, maxResponseBytes, watch));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, "was not waited for: the request was interrupted");
        } catch (IOException | RuntimeException e) {
            throw translate(e, target);
        } finally {
            expiry.cancel(false);
        }
        int status = response.statusCode();
        if (status == 404 && session != null && session.id() != null) {
            throw new SessionExpired();
        }
        if (status / 100 != 2) {
            throw new UpstreamFailure(UpstreamFailure.Kind.HTTP_ERROR, "answered HTTP " + status);
        }
        if (id != null && response.body() == null) {
            throw new UpstreamFailure(UpstreamFailure.Kind.BAD_RESPONSE, "answered HTTP " + status + " without a body");
        }
        return response;
    }

    /**
     * HTTP/1.1 for a cleartext upstream: the client's default (HTTP/2) would offer every request an
     * {@code h2c} upgrade that MCP servers do not take; over TLS, ALPN picks HTTP/2 when the server has it.
     */
    private HttpClient.Version version(Target target) {
        return "http".equalsIgnoreCase(target.url().getScheme()) ? HttpClient.Version.HTTP_1_1 : http.version();
    }

    private static void headers(HttpRequest.Builder request, Target target, Session session) {
        target.headers().forEach(request::header);
        if (session != null) {
            request.header("MCP-Protocol-Version", session.protocolVersion());
            if (session.id() != null) {
                request.header("Mcp-Session-Id", session.id());
            }
        }
    }

    private static UpstreamFailure timeout(Target target) {
        return new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, "did not answer within " + target.timeout().toMillis() + " ms");
    }

    /** What a failed exchange means; {@code send} wraps the reader's own failure in an IOException. */
    private static UpstreamFailure translate(Throwable cause, Target target) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UpstreamFailure f) {
                return f;
            }
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, "could not be connected to in time", null, cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return timeout(target);
        }
        if (cause instanceof ConnectException) {
            return new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, "could not be reached (connection refused)", null, cause);
        }
        if (cause instanceof IOException) {
            return new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, "could not be reached ("
                    + cause.getClass().getSimpleName() + ")", null, cause);
        }
        return new UpstreamFailure(UpstreamFailure.Kind.BAD_RESPONSE, "could not be read ("
                + cause.getClass().getSimpleName() + ")", null, cause);
    }

    private static String printable(String text) {
        String s = text.replaceAll("[\\p{Cntrl}]", " ");
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
