package dev.gatehouse.rest.analytics.boundary;

import dev.gatehouse.analytics.Feature;
import dev.gatehouse.analytics.Hit;
import dev.gatehouse.analytics.Hostnames;
import dev.gatehouse.analytics.Outcome;
import dev.gatehouse.analytics.Pixel;
import dev.gatehouse.analytics.Site;
import dev.gatehouse.rest.analytics.control.PixelIngest;
import dev.gatehouse.rest.analytics.control.PixelSettings;
import dev.gatehouse.rest.analytics.control.SiteDirectoryCache;
import dev.gatehouse.rest.entitlements.control.RateLimits;
import dev.gatehouse.rest.platform.boundary.ApiException;
import dev.gatehouse.rest.platform.boundary.JsonBodyReader;
import dev.gatehouse.rest.platform.boundary.Public;
import dev.gatehouse.rest.platform.boundary.Wire;
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
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.StringReader;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Issue 13's public pixel: {@code GET /pixel/config} (is this domain tracked, and how),
 * {@code POST /pixel/track} (seed 001's body or the Plausible tracker's, as JSON or text/plain),
 * {@code GET /pixel/track.gif} (the same from an {@code <img>}: noscript and e-mail) and
 * {@code GET /pixel/script.js} (our tracker). No key; limited per client address like every public
 * endpoint, and per site by its ceiling. The client's address only ever enters the visitor HMAC.
 *
 * <p>Application scoped, with the request's headers as method parameters: {@code /pixel/track} is
 * the hottest public path, and creating a request-scoped bean with its injections took about a
 * quarter of its time under load (JFR, BENCHMARKS.md).
 */
@Path("pixel")
@Wire.Records({PixelResource.PixelConfig.class, PixelResource.PixelTracked.class})
@ApplicationScoped
@Public
public class PixelResource {

    static final String DROPPED_HEADER = "X-Pixel-Dropped";
    /** seed 001's names, then the Plausible tracker's short ones (v, h, sd, e and $ are accepted and ignored). */
    static final Set<String> FIELDS = Set.of("event", "url", "domain", "referrer", "user_agent", "properties",
            "interactive", "n", "u", "d", "r", "p", "m", "i", "v", "h", "sd", "e", "$");
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final byte[] GIF = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
    private static final byte[] SCRIPT = resource("gatehouse-pixel.js");

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

    @GET
    @Path("config")
    @Produces(MediaType.APPLICATION_JSON)
    public Response config(@QueryParam("domain") String domain, @Context HttpHeaders headers) {
        String host = domain != null && !domain.isBlank() ? domain
                : headers.getHeaderString("Origin") != null ? Hostnames.ofUrl(headers.getHeaderString("Origin")).orElse(null)
                : Hostnames.ofUrl(headers.getHeaderString("Referer")).orElse(null);
        Site site = directory.current().resolve(host).filter(Site::enabled).orElse(null);
        return Response.ok(dev.gatehouse.rest.platform.boundary.Json.object(PixelConfig.from(site)))
                .header("Cache-Control", "public, max-age=300").header("Vary", "Origin").build();
    }

    @POST
    @Path("track")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response track(InputStream body, @Context HttpHeaders headers, @Context HttpServletRequest request) {
        JsonObject json = parse(readLimited(body));
        Hit hit = hit(json, headers, request);
        return answer(pixel.track(hit, directory.current()), false);
    }

    @GET
    @Path("track.gif")
    @Produces("image/gif")
    public Response gif(@QueryParam("n") String n, @QueryParam("u") String u, @QueryParam("r") String r,
                        @QueryParam("d") String d, @Context HttpHeaders headers, @Context HttpServletRequest request) {
        String url = u != null ? u : headers.getHeaderString("Referer");
        Hit hit = new Hit(n == null ? "pageview" : n, url, d, r, null, null, userAgent(null, headers), headers.getHeaderString("Origin"),
                clientAddress(headers, request), doNotTrack(headers));
        return answer(pixel.track(hit, directory.current()), true);
    }

    @GET
    @Path("script.js")
    @Produces("text/javascript")
    public Response script() {
        return Response.ok(SCRIPT, "text/javascript; charset=utf-8").header("Cache-Control", "public, max-age=3600").build();
    }

    private Response answer(Outcome outcome, boolean gif) {
        Response.ResponseBuilder r;
        if (outcome instanceof Outcome.Accepted accepted) {
            if (!ingest.offer(accepted.event())) {
                throw new ApiException(503, "service_unavailable",
                        "The tracker is busy writing; retry in a second.").withHeader("Retry-After", "1");
            }
            r = gif ? Response.ok(GIF) : Response.ok(tracked(true, null));
        } else {
            Outcome.Dropped dropped = (Outcome.Dropped) outcome;
            r = gif ? Response.ok(GIF) : Response.ok(tracked(false, dropped.reason()));
            r.header(DROPPED_HEADER, dropped.reason() + (dropped.detail() == null ? "" : "; " + headerSafe(dropped.detail())));
        }
        if (gif) {
            r.type("image/gif").header("Cache-Control", "no-store, no-cache, must-revalidate, max-age=0")
                    .header("Pragma", "no-cache").header("Expires", "0");
        } else {
            r.type(MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store");
        }
        return r.build();
    }

    private static JsonObject tracked(boolean tracked, String reason) {
        return dev.gatehouse.rest.platform.boundary.Json.object(new PixelTracked(tracked, reason));
    }

    /** What {@code config} answers: whether the domain is tracked, and how. */
    record PixelConfig(@Wire.Required boolean enabled, @Wire.Required PixelFeatures features,
                       @Wire.Required double sampleRate) {

        static PixelConfig from(Site site) {
            return new PixelConfig(site != null, new PixelFeatures(records(site, Feature.PAGEVIEWS),
                    records(site, Feature.EVENTS), records(site, Feature.SESSIONS)), site == null ? 0.0 : site.sampleRate());
        }

        private static boolean records(Site site, Feature f) {
            return site != null && site.records(f);
        }
    }

    /** The features of {@link PixelConfig}, by wire name. */
    record PixelFeatures(boolean pageviews, boolean events, boolean sessions) {
    }

    /** What a JSON hit answers. */
    record PixelTracked(@Wire.Required boolean tracked,
                        @Wire.Omitted @Wire.Values({"bot", "do_not_track", "feature_disabled"})
                        @Wire.Doc("Why it was not recorded; the X-Pixel-Dropped header says it too.") String reason) {
    }

    private Hit hit(JsonObject json, HttpHeaders headers, HttpServletRequest request) {
        Map<String, java.util.List<String>> errors = new LinkedHashMap<>();
        for (String key : json.keySet()) {
            if (!FIELDS.contains(key)) {
                errors.put(key, java.util.List.of("is not a known field; expected event, url, referrer, domain, properties,"
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
                errors.put("interactive", java.util.List.of("must be true or false."));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new Hit(event, url, domain, referrer, properties, interactive, userAgent(bodyAgent, headers),
                headers.getHeaderString("Origin"), clientAddress(headers, request), doNotTrack(headers));
    }

    private static String string(JsonObject json, Map<String, java.util.List<String>> errors, String name, String shortName) {
        String key = json.containsKey(name) || shortName == null ? name : shortName;
        JsonValue v = json.get(key);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v instanceof JsonString s) {
            return s.getString();
        }
        errors.put(key, java.util.List.of("must be a string."));
        return null;
    }

    /** {@code properties} / {@code p} (an object, or the older trackers' JSON text of one); {@code m} likewise. */
    private static Map<String, Object> properties(JsonObject json, Map<String, java.util.List<String>> errors) {
        String key = json.containsKey("properties") ? "properties" : json.containsKey("p") ? "p" : json.containsKey("m") ? "m" : null;
        if (key == null) {
            return null;
        }
        JsonValue v = json.get(key);
        if (v instanceof JsonString s) {
            try (JsonReader reader = JSON.createReader(new StringReader(s.getString()))) {
                v = reader.readValue();
            } catch (JsonException e) {
                errors.put(key, java.util.List.of("must be an object of strings, numbers and booleans."));
                return null;
            }
        }
        if (v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(v instanceof JsonObject o)) {
            errors.put(key, java.util.List.of("must be an object of strings, numbers and booleans."));
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

    private byte[] readLimited(InputStream body) {
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

    /** Deepest nesting a hit may have: an object with a properties object is 2. */
    static final int MAX_DEPTH = 8;

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

    private static String userAgent(String fromBody, HttpHeaders headers) {
        return fromBody != null && !fromBody.isBlank() ? fromBody : headers.getHeaderString(HttpHeaders.USER_AGENT);
    }

    private static boolean doNotTrack(HttpHeaders headers) {
        return "1".equals(headers.getHeaderString("DNT")) || "1".equals(headers.getHeaderString("Sec-GPC"));
    }

    /** The same client address the public rate limit counts by. */
    private String clientAddress(HttpHeaders headers, HttpServletRequest request) {
        String address = rateLimits.clientAddress(headers.getHeaderString("X-Forwarded-For"),
                request == null ? null : request.getRemoteAddr());
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

    private static byte[] resource(String name) {
        try (InputStream in = PixelResource.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from jaxrs-resources");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
