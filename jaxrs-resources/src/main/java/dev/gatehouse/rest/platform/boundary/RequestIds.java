package dev.gatehouse.rest.platform.boundary;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Gives every request an id, echoed in {@code X-Request-ID} on every response. A sane incoming id
 * (1–128 of {@code A-Z a-z 0-9 . _ : -}) is kept so callers can correlate; anything else is replaced.
 * Also enforces the request body limit: a declared length over 1 MiB is refused before reading,
 * and a body that turns out longer while being read is refused then. The few endpoints that take
 * larger bodies are named, with their own hard cap, in {@link #LARGE_BODIES} — the one place
 * where a limit is raised. And it refuses U+0000 in any query parameter with a 422 naming the
 * parameter, before any resource can pass it to a query (PostgreSQL cannot compare text with it:
 * "invalid byte sequence for encoding UTF8: 0x00").
 */
@Provider
@PreMatching
@Priority(100)
public class RequestIds implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String HEADER = "X-Request-ID";
    public static final long MAX_BODY_BYTES = 1024 * 1024;
    /**
     * Paths (relative to the application path) that take more than {@link #MAX_BODY_BYTES}, with
     * their hard cap: {@code POST /seo/report} takes a raw Lighthouse result, 1–5 MiB with its
     * screenshots.
     */
    static final Map<String, Long> LARGE_BODIES = Map.of("seo/report", 16L * 1024 * 1024);
    static final String PROPERTY = "gatehouse.request-id";

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    CurrentRequest current;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        // The servlet filter in front of everything (ErrorShapeFilter) may have chosen the id already.
        String id = request.getProperty(PROPERTY) instanceof String chosen ? chosen : idFor(request.getHeaderString(HEADER));
        request.setProperty(PROPERTY, id);
        current.requestId(id);
        refuseNul(request.getUriInfo().getQueryParameters());
        long max = maxBodyBytes(request.getUriInfo().getPath());
        if (request.getLength() > max) {
            drain(request.getEntityStream());
            throw ApiException.payloadTooLarge(max);
        }
        if (request.hasEntity()) {
            request.setEntityStream(new LimitedInputStream(request.getEntityStream(), max));
        }
    }

    private static void refuseNul(MultivaluedMap<String, String> query) {
        Map<String, List<String>> errors = new TreeMap<>();
        query.forEach((name, values) -> {
            if (name.indexOf('\0') >= 0 || values.stream().anyMatch(v -> v != null && v.indexOf('\0') >= 0)) {
                errors.put(name.replace("\0", "\\u0000"), List.of("must not contain the NUL character (U+0000)."));
            }
        });
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        response.getHeaders().putSingle(HEADER, id != null ? id : newId());
    }

    /**
     * Reads and drops what is left of a refused body (up to 16 MiB), so the client, still sending,
     * reads the 413 instead of a reset connection. Larger bodies are cut off by the connector anyway.
     */
    public static void drain(InputStream in) {
        byte[] buffer = new byte[64 * 1024];
        long left = 16L * 1024 * 1024;
        try {
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                left -= n;
            }
        } catch (IOException ignored) {
            // the client went away; the 413 is all that is left to send
        }
    }

    /** The incoming id if it is sane, else a new one. */
    static String idFor(String incoming) {
        return incoming != null && SANE.matcher(incoming).matches() ? incoming : newId();
    }

    /** The body limit of a request path: {@link #MAX_BODY_BYTES} unless {@link #LARGE_BODIES} names it. */
    static long maxBodyBytes(String path) {
        String p = path == null ? "" : path;
        int start = 0;
        int end = p.length();
        while (start < end && p.charAt(start) == '/') {
            start++;
        }
        while (end > start && p.charAt(end - 1) == '/') {
            end--;
        }
        return LARGE_BODIES.getOrDefault(p.substring(start, end), MAX_BODY_BYTES);
    }

    static String newId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        char[] out = new char[4 + bytes.length * 2];
        "req_".getChars(0, 4, out, 0);
        for (int i = 0; i < bytes.length; i++) {
            out[4 + 2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[5 + 2 * i] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }

    /** Fails with 413 once more than {@code max} bytes have been read. */
    static final class LimitedInputStream extends InputStream {
        private final InputStream in;
        private final long max;
        private long count;

        LimitedInputStream(InputStream in, long max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > max) {
                drain(in);
                throw ApiException.payloadTooLarge(max);
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
