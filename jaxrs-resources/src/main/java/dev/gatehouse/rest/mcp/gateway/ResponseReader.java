package dev.gatehouse.rest.mcp.gateway;

import dev.gatehouse.webhooks.HttpDeadlines;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * Reads one upstream answer as it arrives: a JSON body, or an SSE stream read event by event until the
 * JSON-RPC response with our request's id appears (then the stream is let go, even if the upstream
 * keeps it open). Other messages on the stream (notifications, the upstream's own requests) are
 * skipped. More than {@code maxBytes} fails at once with {@link UpstreamFailure.Kind#TOO_LARGE}, without
 * reading the rest.
 */
final class ResponseReader implements HttpResponse.BodySubscriber<JsonObject> {

    private static final JsonProvider JSON = JsonProvider.provider();
    static final long LINGER_SECONDS = 2;

    private final String id;
    private final int maxBytes;
    private final boolean sse;
    private final String contentType;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<JsonObject> result = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;
    private volatile ScheduledFuture<?> linger;
    private int consumed;

    /**
     * @param id          the id of our request (its JSON text), or null when no answer is expected
     * @param maxBytes    the largest answer accepted
     * @param contentType the answer's Content-Type, or null
     */
    ResponseReader(String id, int maxBytes, String contentType) {
        this.id = id;
        this.maxBytes = maxBytes;
        this.contentType = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        this.sse = this.contentType.startsWith("text/event-stream");
    }

    /**
     * The handler for one request: reads 2xx answers, and only a little of any other.
     *
     * @param created told of the reader once the answer's headers arrived, so that a deadline can end it
     */
    static HttpResponse.BodyHandler<JsonObject> handler(String id, int maxBytes, Consumer<ResponseReader> created) {
        return info -> {
            String type = info.headers().firstValue("content-type").orElse(null);
            boolean ok = info.statusCode() / 100 == 2;
            ResponseReader reader = new ResponseReader(ok ? id : null, ok ? maxBytes : 4096, ok ? type : "text/plain");
            created.accept(reader);
            return reader;
        };
    }

    /** The deadline passed: fails the answer unless it is complete, and hangs up. */
    void expire(UpstreamFailure timeout) {
        if (!result.isDone()) {
            fail(timeout);
        }
    }

    @Override
    public CompletionStage<JsonObject> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        this.subscription = s;
        if (result.isCompletedExceptionally()) {
            s.cancel(); // expired before the body began
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : items) {
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            bytes.write(chunk, 0, chunk.length);
        }
        if (bytes.size() > maxBytes) {
            if (id == null) {
                finish(null); // an error answer: its size does not matter, its status does
            } else {
                fail(new UpstreamFailure(UpstreamFailure.Kind.TOO_LARGE,
                        "answered with more than " + maxBytes + " bytes; the gateway accepts at most that"));
            }
            return;
        }
        if (sse && id != null) {
            scanEvents(false);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        stopLingering();
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        stopLingering();
        if (result.isDone()) {
            return;
        }
        if (id == null) {
            result.complete(null);
        } else if (sse) {
            scanEvents(true);
            if (!result.isDone()) {
                fail(bad("ended its event stream without answering the request"));
            }
        } else if (contentType.startsWith("application/json") || contentType.isEmpty()) {
            JsonObject message = parseObject(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
            if (message == null) {
                fail(bad("answered with something that is not a JSON object"));
            } else if (!isOurResponse(message)) {
                fail(bad("answered with a JSON object that is not the JSON-RPC response to the request"));
            } else {
                result.complete(message);
            }
        } else {
            fail(bad("answered with Content-Type " + printable(contentType) + " instead of JSON or an event stream"));
        }
    }

    /** Looks at each complete SSE event; at the end of the stream the last one may lack its blank line. */
    private void scanEvents(boolean end) {
        byte[] all = bytes.toByteArray();
        int start = consumed;
        for (int i = consumed; i < all.length && !result.isDone(); i++) {
            int terminator = terminatorAt(all, i);
            if (terminator > 0) {
                event(new String(all, start, i - start, StandardCharsets.UTF_8));
                i += terminator - 1;
                start = i + 1;
                consumed = start;
            }
        }
        if (end && !result.isDone() && start < all.length) {
            event(new String(all, start, all.length - start, StandardCharsets.UTF_8));
        }
    }

    /** The length of a blank-line event terminator at {@code i} ("\n\n", "\r\n\r\n", "\r\r"), or 0. */
    private static int terminatorAt(byte[] b, int i) {
        if (i + 1 < b.length && b[i] == '\n' && b[i + 1] == '\n') {
            return 2;
        }
        if (i + 3 < b.length && b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
            return 4;
        }
        if (i + 1 < b.length && b[i] == '\r' && b[i + 1] == '\r') {
            return 2;
        }
        return 0;
    }

    private void event(String block) {
        StringBuilder data = new StringBuilder();
        for (String line : block.split("\r\n|\r|\n")) {
            if (line.startsWith("data:")) {
                String value = line.substring(5);
                data.append(data.isEmpty() ? "" : "\n").append(value.startsWith(" ") ? value.substring(1) : value);
            }
        }
        if (data.isEmpty()) {
            return;
        }
        JsonObject message = parseObject(data.toString());
        if (message != null && isOurResponse(message)) {
            finish(message);
        }
    }

    private boolean isOurResponse(JsonObject message) {
        JsonValue messageId = message.get("id");
        return messageId != null && messageId.toString().equals(id)
                && (message.containsKey("result") || message.containsKey("error"));
    }

    /**
     * Answers at once. An event stream is still read to its end (and dropped) for up to
     * {@link #LINGER_SECONDS} s, because a stream read to its end leaves the connection open for the
     * next request, and most servers end it right after the response; one that keeps it open is cut.
     */
    private void finish(JsonObject message) {
        result.complete(message);
        Flow.Subscription s = subscription;
        if (sse) {
            linger = HttpDeadlines.after(Duration.ofSeconds(LINGER_SECONDS), s::cancel);
        } else {
            s.cancel();
        }
    }

    private void stopLingering() {
        ScheduledFuture<?> pending = linger;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    private void fail(UpstreamFailure failure) {
        result.completeExceptionally(failure);
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    private static UpstreamFailure bad(String message) {
        return new UpstreamFailure(UpstreamFailure.Kind.BAD_RESPONSE, message);
    }

    static JsonObject parseObject(String text) {
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            JsonValue v = reader.readValue();
            return v.getValueType() == JsonValue.ValueType.OBJECT ? v.asJsonObject() : null;
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
    }

    private static String printable(String text) {
        String s = text.replaceAll("[^\\x20-\\x7e]", "?");
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
