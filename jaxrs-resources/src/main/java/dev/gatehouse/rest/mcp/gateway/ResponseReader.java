package dev.gatehouse.rest.mcp.gateway;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Reads one upstream answer from its body, on the caller's thread: a JSON body, or an SSE stream read
 * event by event until the JSON-RPC response with our request's id appears (then the stream is let go,
 * even if the upstream keeps it open; see {@link #streamOpen()}). Other messages on the stream
 * (notifications, the upstream's own requests) are skipped. More than {@code maxBytes} fails at once
 * with {@link UpstreamFailure.Kind#TOO_LARGE}, without reading the rest.
 */
final class ResponseReader {

    private static final JsonProvider JSON = JsonProvider.provider();
    /** How long an event stream that answered is still read to its end, in the background. */
    static final Duration LINGER = Duration.ofSeconds(2);

    private final String id;
    private final int maxBytes;
    private final boolean sse;
    private final String contentType;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private JsonObject found;
    private boolean open;
    private int consumed;

    /**
     * @param id          the id of our request (its JSON text)
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
     * Reads the answer to our request.
     *
     * @throws UpstreamFailure when the body is not that answer, or too large
     * @throws IOException     when the connection fails (or is cut at the deadline)
     */
    JsonObject read(InputStream in) throws IOException {
        if (!sse && !contentType.startsWith("application/json") && !contentType.isEmpty()) {
            throw bad("answered with Content-Type " + printable(contentType) + " instead of JSON or an event stream");
        }
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            bytes.write(buffer, 0, n);
            if (bytes.size() > maxBytes) {
                throw new UpstreamFailure(UpstreamFailure.Kind.TOO_LARGE,
                        "answered with more than " + maxBytes + " bytes; the gateway accepts at most that");
            }
            if (sse) {
                scanEvents(false);
                if (found != null) {
                    open = true;
                    return found;
                }
            }
        }
        if (sse) {
            scanEvents(true);
            if (found == null) {
                throw bad("ended its event stream without answering the request");
            }
            return found;
        }
        JsonObject message = parseObject(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
        if (message == null) {
            throw bad("answered with something that is not a JSON object");
        }
        if (!isOurResponse(message)) {
            throw bad("answered with a JSON object that is not the JSON-RPC response to the request");
        }
        return message;
    }

    /** Whether the answer came on an event stream that may not be over yet: the caller lets it go. */
    boolean streamOpen() {
        return open;
    }

    /** Looks at each complete SSE event; at the end of the stream the last one may lack its blank line. */
    private void scanEvents(boolean end) {
        byte[] all = bytes.toByteArray();
        int start = consumed;
        for (int i = consumed; i < all.length && found == null; i++) {
            int terminator = terminatorAt(all, i);
            if (terminator > 0) {
                event(new String(all, start, i - start, StandardCharsets.UTF_8));
                i += terminator - 1;
                start = i + 1;
                consumed = start;
            }
        }
        if (end && found == null && start < all.length) {
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
            found = message;
        }
    }

    private boolean isOurResponse(JsonObject message) {
        JsonValue messageId = message.get("id");
        return messageId != null && messageId.toString().equals(id)
                && (message.containsKey("result") || message.containsKey("error"));
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
