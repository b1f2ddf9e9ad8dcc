package dev.gatehouse.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends webhooks with Apache HttpClient 5's classic (blocking) API on the calling thread: HTTP/1.1
 * over a pool of kept-alive connections, redirects never followed (a redirect could lead past the URL
 * policy), no retries, cookies or compression, user agent {@value #USER_AGENT}, and a hard deadline
 * covering the wait for a pooled connection, the headers and the body — when it passes, the request
 * is cancelled and its connection closed. A TCP connect takes at most
 * {@link OutboundHttp#CONNECT_TIMEOUT}. At most 4 KiB of the response body is read; a longer answer's
 * connection is then dropped rather than drained.
 *
 * <p>Why not the JDK {@code HttpClient}: it hands every exchange to its selector and executor threads.
 * Sending the same webhook to a local receiver from 16 threads, it cost 150–360 µs of CPU per send
 * against 36–100 µs here, at less than half the rate (BENCHMARKS.md, "The sender on HttpClient 5").
 *
 * <p>Immediately before each request the URL is checked against the {@link UrlPolicy} again,
 * because the DNS answer may have changed since the endpoint was registered (DNS rebinding).
 * A residual window remains: the client resolves the name once more when it connects, and a
 * hostile name server with a zero TTL can answer differently in between. Closing it completely
 * needs an egress proxy that enforces the same rules, which a deployment can add in front.
 *
 * <p>The sender owns its connections: {@link #close()} ends them.
 */
public final class HttpClientSender implements WebhookSender, AutoCloseable {

    /** The {@code User-Agent} header sent with every request. */
    public static final String USER_AGENT = "Gatehouse-Webhooks/1";

    private final CloseableHttpClient client;
    private final UrlPolicy policy;
    private final Clock clock;

    /**
     * Creates a sender that measures durations with the system clock.
     *
     * @param policy the rules every target must pass right before sending
     */
    public HttpClientSender(UrlPolicy policy) {
        this(policy, Clock.systemUTC());
    }

    /**
     * Creates a sender.
     *
     * @param policy the rules every target must pass right before sending
     * @param clock  the clock durations are measured with
     */
    public HttpClientSender(UrlPolicy policy, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = OutboundHttp.pooledClient();
    }

    /**
     * Checks the URL against the policy, then POSTs the body.
     *
     * @param request what to send
     * @return the response, or an error result when the target was refused or no response came
     */
    @Override
    public SendResult send(SendRequest request) {
        Objects.requireNonNull(request, "request");
        long started = clock.millis();
        Optional<String> violation = policy.violation(request.url());
        if (violation.isPresent()) {
            return SendResult.failed("Target refused by policy: " + violation.get(), clock.millis() - started);
        }
        HttpPost post;
        try {
            post = new HttpPost(request.url());
        } catch (IllegalArgumentException invalid) {
            return SendResult.failed("Invalid request", clock.millis() - started);
        }
        Timeout timeout = Timeout.of(request.timeout());
        post.setConfig(RequestConfig.custom().setResponseTimeout(timeout).setConnectionRequestTimeout(timeout).build());
        post.setHeader("User-Agent", USER_AGENT);
        request.headers().forEach(post::setHeader);
        // No content type of the entity's own: the signed request's headers carry it, exactly as signed.
        post.setEntity(new ByteArrayEntity(request.body().getBytes(StandardCharsets.UTF_8), null));
        OutboundHttp.Deadline deadline = OutboundHttp.cancelAfter(request.timeout(), post);
        try (ClassicHttpResponse response = client.executeOpen(null, post, null)) {
            String body = readLimited(response.getEntity(), post);
            return new SendResult(response.getCode(), body, headers(response), null, clock.millis() - started);
        } catch (IOException | RuntimeException failed) {
            if (deadline.expired()) {
                return SendResult.failed("Timed out after " + describe(request.timeout()), clock.millis() - started);
            }
            if (Thread.currentThread().isInterrupted()) { // shutting down: the flag stays set for the worker
                return SendResult.failed("Interrupted", clock.millis() - started);
            }
            return SendResult.failed(describe(failed, request.timeout()), clock.millis() - started);
        } finally {
            deadline.close();
        }
    }

    /** Closes the pooled connections; sending afterwards fails. */
    @Override
    public void close() {
        client.close(CloseMode.IMMEDIATE);
    }

    /**
     * The first {@link BodyLimit#MAX_BYTES} of the body. A body read to its end leaves the connection
     * for the next send; a longer one is cut off by cancelling the request, which closes the connection.
     */
    private static String readLimited(HttpEntity entity, HttpPost post) throws IOException {
        if (entity == null) {
            return "";
        }
        byte[] buffer = new byte[BodyLimit.MAX_BYTES];
        int size = 0;
        try (InputStream in = entity.getContent()) {
            int n;
            while (size < buffer.length && (n = in.read(buffer, size, buffer.length - size)) >= 0) {
                size += n;
            }
            if (size == buffer.length && in.read() >= 0) {
                post.cancel();
            }
        }
        return BodyLimit.decodePrefix(buffer, size);
    }

    private static Map<String, List<String>> headers(ClassicHttpResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            headers.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .add(header.getValue());
        }
        return headers;
    }

    /** Short human text for a failed exchange; never the exception message, which may echo the URL. */
    static String describe(Throwable failure, Duration timeout) {
        if (find(failure, ConnectTimeoutException.class)) {
            return "Connection timed out after " + describe(OutboundHttp.CONNECT_TIMEOUT.compareTo(timeout) < 0
                    ? OutboundHttp.CONNECT_TIMEOUT : timeout);
        }
        if (find(failure, SocketTimeoutException.class) || find(failure, ConnectionRequestTimeoutException.class)) {
            return "Timed out after " + describe(timeout);
        }
        if (find(failure, UnknownHostException.class) || find(failure, UnresolvedAddressException.class)) {
            return "Host does not resolve";
        }
        if (find(failure, ConnectException.class)) {
            return "Connection refused";
        }
        if (find(failure, SSLHandshakeException.class)) {
            return "TLS handshake failed";
        }
        if (find(failure, SSLException.class)) {
            return "TLS error";
        }
        if (find(failure, IOException.class)) {
            return "Connection failed";
        }
        return "Request failed";
    }

    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static boolean find(Throwable failure, Class<? extends Throwable> type) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 16; depth++) {
            if (type.isInstance(current)) {
                return true;
            }
            current = current.getCause();
        }
        return false;
    }
}
