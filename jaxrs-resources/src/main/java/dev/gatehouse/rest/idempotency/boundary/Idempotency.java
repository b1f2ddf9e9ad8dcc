package dev.gatehouse.rest.idempotency.boundary;

import dev.gatehouse.rest.idempotency.control.IdempotencyStore;
import dev.gatehouse.rest.idempotency.control.StoredRequest;
import dev.gatehouse.rest.platform.boundary.ApiException;
import dev.gatehouse.rest.platform.boundary.Caller;
import dev.gatehouse.rest.platform.boundary.CurrentRequest;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeMap;

/**
 * Safe retries of writes with {@code Idempotency-Key}, as Stripe does them. Runs after
 * authentication and the scope check, so the key is scoped to the calling API key and a caller
 * without the scope learns nothing. For POST, PUT, PATCH and DELETE with the header:
 * <ul>
 *   <li>a first request claims the key (an "in progress" row committed before it executes) and its
 *       response is kept for 24 hours — unless it is a 5xx, which is forgotten so a retry runs again;</li>
 *   <li>a repeat with the same method, path, workspace and body gets the kept status, body,
 *       {@code Location} and {@code Content-Type} with {@code Idempotent-Replayed: true}, and nothing
 *       executes;</li>
 *   <li>a repeat with anything else different is a 422 {@code idempotency_key_reused}; a repeat while
 *       the first still runs is a 409 {@code idempotency_request_in_progress}. The first holds the key
 *       for a lease ({@code gatehouse.idempotency.lease-seconds}, default 60); a repeat of the same
 *       request after the lease has run out without a response (its instance died) runs again.</li>
 * </ul>
 * The header is ignored on {@code @Public} endpoints (there is no calling key to scope it to) and on
 * reads. Bodies are compared after canonicalising JSON (object keys sorted), so formatting and key
 * order do not matter.
 */
@Provider
@Priority(Priorities.USER)
public class Idempotency implements ContainerRequestFilter, ContainerResponseFilter, WriterInterceptor {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final int MAX_KEY_LENGTH = 255;
    static final Duration RETENTION = Duration.ofHours(24);
    static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private static final String CLAIM = "gatehouse.idempotency.claim";
    private static final String CAPTURE = "gatehouse.idempotency.capture";

    @Inject
    IdempotencyStore store;

    @Inject
    CurrentRequest current;

    @Inject
    Clock clock;

    /** The key this request owns and must complete or release. */
    record Claim(long keyId, String idempotencyKey) {
    }

    /** A response being written whose bytes are to be kept. */
    record Capture(Claim claim, int status, String contentType, String location) {
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        String key = request.getHeaderString(HEADER);
        Caller caller = current.caller();
        if (key == null || caller == null || !WRITES.contains(request.getMethod())) {
            return;
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ApiException.validation(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " characters.");
        }
        byte[] body = new byte[0];
        if (request.hasEntity()) {
            body = request.getEntityStream().readAllBytes();
            request.setEntityStream(new ByteArrayInputStream(body));
        }
        key = ownedKey(caller, key);
        String fingerprint = fingerprint(request, body);
        Instant now = clock.instant();
        // Two rounds at most: the second only after deleting an expired record that blocked the claim.
        for (int round = 0; round < 2; round++) {
            if (store.claim(caller.keyId(), key, fingerprint, now, now.plus(RETENTION))) {
                request.setProperty(CLAIM, new Claim(caller.keyId(), key));
                return;
            }
            StoredRequest earlier = store.find(caller.keyId(), key).orElse(null);
            if (earlier == null || !earlier.expiresAt().isAfter(now)) {
                store.deleteIfExpired(caller.keyId(), key, now);
                continue;
            }
            if (!earlier.complete()) {
                // Its instance may have died mid-request: once the lease has run out, a retry runs again.
                if (!earlier.leasedAt(now) && store.takeOver(caller.keyId(), key, fingerprint, now)) {
                    request.setProperty(CLAIM, new Claim(caller.keyId(), key));
                    return;
                }
                throw new ApiException(409, "idempotency_request_in_progress", "A request with this Idempotency-Key"
                        + " is still being processed. Retry after it has finished.");
            }
            if (!MessageDigest.isEqual(earlier.fingerprint().getBytes(StandardCharsets.UTF_8),
                    fingerprint.getBytes(StandardCharsets.UTF_8))) {
                throw new ApiException(422, "idempotency_key_reused", "This Idempotency-Key was already used with a"
                        + " different method, path or body. Use a new key for a different request.");
            }
            if (!earlier.readable()) {
                throw new ApiException(409, "conflict", "The result of the request with this Idempotency-Key cannot be"
                        + " read any more (the server's secrets key changed). Use a new key.");
            }
            request.abortWith(replay(earlier));
            return;
        }
        throw new ApiException(409, "idempotency_request_in_progress",
                "A request with this Idempotency-Key is being processed. Retry after it has finished.");
    }

    /**
     * A portal session's keys are stored under its own name, so two sessions minted by the same key
     * never see each other's responses; a JWT caller has no key to keep them under.
     */
    static String ownedKey(Caller caller, String key) {
        if (caller.signIn() == null) {
            return key;
        }
        if (caller.keyId() <= 0) {
            throw ApiException.validation(HEADER, "works with API keys and portal sessions; a JWT caller cannot use it.");
        }
        return "portal-session:" + caller.signIn().sessionId() + ":" + sha256Hex(key);
    }

    private static String sha256Hex(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static Response replay(StoredRequest earlier) {
        Response.ResponseBuilder b = Response.status(earlier.status()).header(REPLAYED_HEADER, "true");
        if (earlier.body() != null) {
            b.entity(earlier.body());
        }
        if (earlier.contentType() != null) {
            b.header(HttpHeaders.CONTENT_TYPE, earlier.contentType());
        }
        if (earlier.location() != null) {
            b.header(HttpHeaders.LOCATION, earlier.location());
        }
        return b.build();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(CLAIM) instanceof Claim claim)) {
            return;
        }
        request.removeProperty(CLAIM);
        if (response.getStatus() >= 500) {
            store.release(claim.keyId(), claim.idempotencyKey());
            return;
        }
        String contentType = response.getMediaType() == null ? null : response.getMediaType().toString();
        String location = response.getHeaderString(HttpHeaders.LOCATION);
        if (!response.hasEntity()) {
            store.complete(claim.keyId(), claim.idempotencyKey(), response.getStatus(), contentType, location, null);
            return;
        }
        request.setProperty(CAPTURE, new Capture(claim, response.getStatus(), contentType, location));
    }

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        if (!(context.getProperty(CAPTURE) instanceof Capture capture)) {
            context.proceed();
            return;
        }
        context.removeProperty(CAPTURE);
        OutputStream original = context.getOutputStream();
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        context.setOutputStream(new TeeOutputStream(original, copy));
        Claim claim = capture.claim();
        try {
            context.proceed();
        } catch (IOException | RuntimeException e) {
            store.release(claim.keyId(), claim.idempotencyKey());
            throw e;
        } finally {
            context.setOutputStream(original);
        }
        store.complete(claim.keyId(), claim.idempotencyKey(), capture.status(), capture.contentType(), capture.location(),
                copy.toByteArray());
    }

    /**
     * SHA-256 over what makes two requests "the same": method, path with query, the workspace header
     * (a root key names its workspace there) and the body, canonical when it is JSON.
     */
    static String fingerprint(ContainerRequestContext request, byte[] body) {
        String workspace = request.getHeaderString("X-Workspace-ID");
        String canonical = request.getMethod() + "\n" + request.getUriInfo().getRequestUri().getRawPath()
                + "?" + (request.getUriInfo().getRequestUri().getRawQuery() == null ? "" : request.getUriInfo().getRequestUri().getRawQuery())
                + "\n" + (workspace == null ? "" : workspace.trim()) + "\n";
        return sha256(canonical.getBytes(StandardCharsets.UTF_8), canonicalBody(body));
    }

    static byte[] canonicalBody(byte[] body) {
        if (body.length == 0) {
            return body;
        }
        try (JsonReader reader = Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
            StringBuilder out = new StringBuilder();
            canonical(reader.readValue(), out);
            return out.toString().getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException notJson) {
            return body;
        }
    }

    private static void canonical(JsonValue value, StringBuilder out) {
        switch (value.getValueType()) {
            case OBJECT -> {
                JsonObject o = value.asJsonObject();
                out.append('{');
                boolean first = true;
                for (var e : new TreeMap<>(o).entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    out.append(Json.createValue(e.getKey())).append(':');
                    canonical(e.getValue(), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                JsonArray a = value.asJsonArray();
                out.append('[');
                for (int i = 0; i < a.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    canonical(a.get(i), out);
                }
                out.append(']');
            }
            default -> out.append(value);
        }
    }

    private static String sha256(byte[] head, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(head);
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Writes to the client and keeps a copy. */
    private static final class TeeOutputStream extends OutputStream {
        private final OutputStream out;
        private final ByteArrayOutputStream copy;

        TeeOutputStream(OutputStream out, ByteArrayOutputStream copy) {
            this.out = out;
            this.copy = copy;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            copy.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            copy.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
