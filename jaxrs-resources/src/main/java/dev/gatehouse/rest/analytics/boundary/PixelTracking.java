package dev.gatehouse.rest.analytics.boundary;

import dev.gatehouse.analytics.Hit;
import dev.gatehouse.analytics.Outcome;
import dev.gatehouse.analytics.Pixel;
import dev.gatehouse.rest.analytics.control.PixelIngest;
import dev.gatehouse.rest.analytics.control.PixelSettings;
import dev.gatehouse.rest.analytics.control.SiteDirectoryCache;
import dev.gatehouse.rest.entitlements.control.RateLimits;
import dev.gatehouse.rest.platform.boundary.ApiException;
import dev.gatehouse.rest.platform.boundary.Json;
import dev.gatehouse.rest.platform.boundary.JsonBodyReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one home of a hit's request handling, whichever layer receives it: the body limit, reading
 * seed 001's or the Plausible tracker's JSON into a {@link Hit} (unknown fields, types, nesting),
 * the request headers that matter (user agent, origin, Do Not Track / GPC, the client address that
 * only ever enters the visitor HMAC), the rules ({@link Pixel#track}: validation, bots, site
 * matching, ceilings, the visitor id), queueing ({@link PixelIngest}) and the answer's body and
 * headers. {@code POST /pixel/track} is served by {@link PixelTrackFilter} in front of Jersey and,
 * for the requests that filter leaves to Jersey, by {@link PixelResource}; {@code GET /pixel/track.gif}
 * by {@link PixelResource}. Both only move bytes and headers between their layer and this class.
 */
@ApplicationScoped
public class PixelTracking {

    static final String DROPPED_HEADER = "X-Pixel-Dropped";
    /** seed 001's names, then the Plausible tracker's short ones (v, h, sd, e and $ are accepted and ignored). */
    static final Set<String> FIELDS = Set.of("event", "url", "domain", "referrer", "user_agent", "properties",
            "interactive", "n", "u", "d", "r", "p", "m", "i", "v", "h", "sd", "e", "$");
    /** Deepest nesting a hit may have: an object with a properties object is 2. */
    static final int MAX_DEPTH = 8;
    static final byte[] GIF = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Map<String, String> JSON_HEADERS = Map.of("Cache-Control", "no-store");
    private static final Map<String, String> GIF_HEADERS = orderedMap("Cache-Control", "no-store, no-cache, must-revalidate, max-age=0",
            "Pragma", "no-cache", "Expires", "0");

    @Inject
    Pixel pixel;

    @Inject
    SiteDirectoryCache directory;

    @Inject
    PixelIngest ingest;

    @Inject
    PixelSettings settings;

    @Inject
    RateLimits rateLimits;

    /** What a hit's request says besides its body, read from whichever layer received it. */
    public interface Request {

        /** A request header's value(s), comma-joined as JAX-RS joins them; null when absent. */
        String header(String name);

        /** The connection's peer address, or null. */
        String peerAddress();
    }

    /**
     * A hit's answer: 200 with the JSON body ({@code tracked}, {@code reason}) or the 1×1 GIF, and
     * its headers ({@code Cache-Control}, and {@code X-Pixel-Dropped} for a hit not recorded).
     */
    public record Answer(boolean gif, JsonObject json, Map<String, String> headers) {

        public String contentType() {
            return gif ? "image/gif" : "application/json";
        }

        public byte[] body() {
            return gif ? GIF.clone() : json.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The body, at most {@code gatehouse.pixel.max-body-bytes}; a longer one is a 413. */
    public byte[] read(InputStream body) {
        int max = settings.maxBodyBytes();
        try {
            byte[] bytes = body.readNBytes(max + 1);
            if (bytes.length > max) {
                throw ApiException.payloadTooLarge(max);
            }
            return bytes;
        } catch (IOException e) {
            throw ApiException.badRequest("invalid_body", "The request body could not be read.");
        }
    }

    /** {@code POST /pixel/track}: a JSON or text/plain body. */
    public Answer track(byte[] body, Request request) {
        return answer(pixel.track(hit(parse(body), request), directory.current()), false);
    }

    /** {@code GET /pixel/track.gif}: the hit in the query, the page from {@code Referer} when {@code u} is absent. */
    public Answer gif(String n, String u, String r, String d, Request request) {
        String url = u != null ? u : request.header("Referer");
        Hit hit = new Hit(n == null ? "pageview" : n, url, d, r, null, null, userAgent(null, request), request.header("Origin"),
                clientAddress(request), doNotTrack(request));
        return answer(pixel.track(hit, directory.current()), true);
    }

    private Answer answer(Outcome outcome, boolean gif) {
        if (outcome instanceof Outcome.Accepted accepted) {
            if (!ingest.offer(accepted.event())) {
                throw new ApiException(503, "service_unavailable",
                        "The tracker is busy writing; retry in a second.").withHeader("Retry-After", "1");
            }
            return new Answer(gif, gif ? null : tracked(true, null), gif ? GIF_HEADERS : JSON_HEADERS);
        }
        Outcome.Dropped dropped = (Outcome.Dropped) outcome;
        Map<String, String> headers = new LinkedHashMap<>(gif ? GIF_HEADERS : JSON_HEADERS);
        headers.put(DROPPED_HEADER, dropped.reason() + (dropped.detail() == null ? "" : "; " + headerSafe(dropped.detail())));
        return new Answer(gif, gif ? null : tracked(false, dropped.reason()), headers);
    }

    private static JsonObject tracked(boolean tracked, String reason) {
        return Json.object(new PixelResource.PixelTracked(tracked, reason));
    }

    private static JsonObject parse(byte[] bytes) {
        if (JsonBodyReader.depth(bytes) > MAX_DEPTH) { // the platform's scan, with the tracker's lower limit
            throw ApiException.badRequest("invalid_json", "The body nests deeper than " + MAX_DEPTH
                    + " levels; a hit is an object with a flat properties object.");
        }
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(bytes))) {
            JsonStructure s = reader.read();
            if (s instanceof JsonObject o) {
                return o;
            }
        } catch (JsonException | IllegalStateException e) {
            throw ApiException.badRequest("invalid_json", "The body must be one JSON object, sent as application/json or text/plain.");
        }
        throw ApiException.badRequest("invalid_json", "The body must be one JSON object, sent as application/json or text/plain.");
    }

    private Hit hit(JsonObject json, Request request) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (String key : json.keySet()) {
            if (!FIELDS.contains(key)) {
                errors.put(key, List.of("is not a known field; expected event, url, referrer, domain, properties,"
                        + " user_agent (or the Plausible tracker's n, u, r, d, p)."));
            }
        }
        String event = string(json, errors, "event", "n");
        String url = string(json, errors, "url", "u");
        String domain = string(json, errors, "domain", "d");
        String referrer = string(json, errors, "referrer", "r");
        String bodyAgent = string(json, errors, "user_agent", null);
        Map<String, Object> properties = properties(json, errors);
        Boolean interactive = null;
        JsonValue i = json.containsKey("interactive") ? json.get("interactive") : json.get("i");
        if (i != null) {
            if (i.getValueType() == JsonValue.ValueType.TRUE || i.getValueType() == JsonValue.ValueType.FALSE) {
                interactive = i.getValueType() == JsonValue.ValueType.TRUE;
            } else if (i.getValueType() != JsonValue.ValueType.NULL) {
                errors.put("interactive", List.of("must be true or false."));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new Hit(event, url, domain, referrer, properties, interactive, userAgent(bodyAgent, request),
                request.header("Origin"), clientAddress(request), doNotTrack(request));
    }

    private static String string(JsonObject json, Map<String, List<String>> errors, String name, String shortName) {
        String key = json.containsKey(name) || shortName == null ? name : shortName;
        JsonValue v = json.get(key);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v instanceof JsonString s) {
            return s.getString();
        }
        errors.put(key, List.of("must be a string."));
        return null;
    }

    /** {@code properties} / {@code p} (an object, or the older trackers' JSON text of one); {@code m} likewise. */
    private static Map<String, Object> properties(JsonObject json, Map<String, List<String>> errors) {
        String key = json.containsKey("properties") ? "properties" : json.containsKey("p") ? "p" : json.containsKey("m") ? "m" : null;
        if (key == null) {
            return null;
        }
        JsonValue v = json.get(key);
        if (v instanceof JsonString s) {
            try (JsonReader reader = JSON.createReader(new StringReader(s.getString()))) {
                v = reader.readValue();
            } catch (JsonException e) {
                errors.put(key, List.of("must be an object of strings, numbers and booleans."));
                return null;
            }
        }
        if (v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(v instanceof JsonObject o)) {
            errors.put(key, List.of("must be an object of strings, numbers and booleans."));
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        o.forEach((k, value) -> out.put(k, switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).numberValue();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            default -> value; // refused by the rules: properties are flat
        }));
        return out;
    }

    private static String userAgent(String fromBody, Request request) {
        return fromBody != null && !fromBody.isBlank() ? fromBody : request.header("User-Agent");
    }

    private static boolean doNotTrack(Request request) {
        return "1".equals(request.header("DNT")) || "1".equals(request.header("Sec-GPC"));
    }

    /** The same client address the public rate limit counts by. */
    private String clientAddress(Request request) {
        String address = rateLimits.clientAddress(request.header("X-Forwarded-For"), request.peerAddress());
        return address == null ? "" : address;
    }

    private static String headerSafe(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= 0x20 && c < 0x7f) {
                b.append(c);
            }
            if (b.length() >= 100) {
                break;
            }
        }
        return b.toString();
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
