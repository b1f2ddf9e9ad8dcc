package dev.gatehouse.webhooks;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Sends webhooks with the JDK {@link HttpClient}: HTTP/1.1, redirects never followed (a redirect
 * could lead past the URL policy), user agent {@value #USER_AGENT}, and a hard deadline covering
 * connect, response headers and body. At most 4 KiB of the response body is read; the connection
 * is then dropped rather than draining an arbitrarily large answer.
 *
 * <p>Immediately before each request the URL is checked against the {@link UrlPolicy} again,
 * because the DNS answer may have changed since the endpoint was registered (DNS rebinding).
 * A residual window remains: the client resolves the name once more when it connects, and a
 * hostile name server with a zero TTL can answer differently in between. Closing it completely
 * needs an egress proxy that enforces the same rules, which a deployment can add in front.
 */
public final class HttpClientSender implements WebhookSender {

    /** The {@code User-Agent} header sent with every request. */
    public static final String USER_AGENT = "Gatehouse-Webhooks/1";

    /** The longest a TCP connect may take, whatever the request timeout. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
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
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
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
        HttpRequest httpRequest;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.url()))
                    .timeout(request.timeout())
                    .header("User-Agent", USER_AGENT)
                    .POST(HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
            request.headers().forEach(builder::setHeader);
            httpRequest = builder.build();
        } catch (IllegalArgumentException invalid) {
            return SendResult.failed("Invalid request", clock.millis() - started);
        }
        // The blocking send, not sendAsync() (see HttpDeadlines). The request timeout ends the wait for
        // the response headers; the deadline also ends a body that trickles in after them.
        LimitedBodySubscriber body = new LimitedBodySubscriber(BodyLimit.MAX_BYTES);
        ScheduledFuture<?> deadline = HttpDeadlines.after(request.timeout(), body::expire);
        try {
            HttpResponse<String> received = client.send(httpRequest, info -> body);
            return new SendResult(received.statusCode(), received.body(), received.headers().map(), null,
                    clock.millis() - started);
        } catch (IOException | RuntimeException failed) {
            return SendResult.failed(describe(failed, request.timeout()), clock.millis() - started);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return SendResult.failed("Interrupted", clock.millis() - started);
        } finally {
            deadline.cancel(false);
        }
    }

    /** Short human text for a failed exchange; never the exception message, which may echo the URL. */
    static String describe(Throwable failure, Duration timeout) {
        if (find(failure, HttpConnectTimeoutException.class)) {
            return "Connection timed out after " + describe(CONNECT_TIMEOUT.compareTo(timeout) < 0
                    ? CONNECT_TIMEOUT : timeout);
        }
        if (find(failure, HttpTimeoutException.class)) {
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

    /** Keeps the first {@code limit} bytes of a body and then hangs up. */
    static final class LimitedBodySubscriber implements HttpResponse.BodySubscriber<String> {

        private final CompletableFuture<String> body = new CompletableFuture<>();
        private final byte[] buffer;
        private int size;
        private volatile Flow.Subscription subscription;

        LimitedBodySubscriber(int limit) {
            this.buffer = new byte[limit];
        }

        @Override
        public CompletionStage<String> getBody() {
            return body;
        }

        /** The deadline passed: fails the body unless it is complete, and hangs up. */
        void expire() {
            if (body.completeExceptionally(new HttpTimeoutException("response body not complete by the deadline"))) {
                Flow.Subscription current = subscription;
                if (current != null) {
                    current.cancel();
                }
            }
        }

        @Override
        public void onSubscribe(Flow.Subscription newSubscription) {
            this.subscription = newSubscription;
            newSubscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                int take = Math.min(item.remaining(), buffer.length - size);
                item.get(buffer, size, take);
                size += take;
                if (size == buffer.length) {
                    body.complete(BodyLimit.decodePrefix(buffer, size));
                    subscription.cancel();
                    return;
                }
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable failure) {
            body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            body.complete(BodyLimit.decodePrefix(buffer, size));
        }
    }
}
