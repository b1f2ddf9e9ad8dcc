package dev.gatehouse.webhooks;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * How Gatehouse calls out over HTTP — the webhook sender and the MCP gateway alike: Apache HttpClient
 * 5's classic (blocking) API on the caller's thread, over a pool of kept-alive connections, and one
 * deadline per exchange that cancels the request (closing its connection) when it passes.
 *
 * <p>The deadlines run on one daemon timer thread, rather than {@code sendAsync(…).get(timeout)} or
 * {@code CompletableFuture.delayedExecutor}: on a machine with fewer than three cores the common
 * fork-join pool has one thread, and {@code CompletableFuture} then runs every asynchronous completion
 * on a <em>new thread</em>. That cost the webhook sender half its throughput and the MCP gateway two
 * new threads per call (BENCHMARKS.md, "MCP gateway overhead"). The JDK {@code HttpClient}'s own
 * selector and executor threads cost 3–4 × the CPU per exchange of this client (BENCHMARKS.md, "The
 * sender on HttpClient 5").
 */
public final class OutboundHttp {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    /** The longest a TCP connect may take, whatever the exchange's deadline. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Open connections, in all and to one host; a caller waits for one within its deadline. */
    private static final int MAX_CONNECTIONS = 256;
    private static final int MAX_CONNECTIONS_PER_ROUTE = 64;

    private OutboundHttp() {
    }

    /**
     * A client with its own pool: HTTP/1.1, no redirects followed (one could lead past the URL policy),
     * no retries, cookies or compression; a connection idle for a second is checked before reuse and
     * one idle for 30 s is closed. The caller closes the client.
     */
    public static CloseableHttpClient pooledClient() {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(MAX_CONNECTIONS).setMaxConnPerRoute(MAX_CONNECTIONS_PER_ROUTE)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.of(CONNECT_TIMEOUT))
                                .setValidateAfterInactivity(TimeValue.ofSeconds(1)).build())
                        .build())
                .disableRedirectHandling().disableAutomaticRetries().disableCookieManagement().disableContentCompression()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
    }

    /**
     * Cancels {@code request} once {@code delay} has passed, unless the returned deadline is closed
     * first.
     */
    public static Deadline cancelAfter(Duration delay, Cancellable request) {
        return new Deadline(delay, request);
    }

    /** One exchange's deadline. */
    public static final class Deadline implements AutoCloseable {
        private final Cancellable request;
        private final ScheduledFuture<?> timer;
        private volatile boolean expired;

        private Deadline(Duration delay, Cancellable request) {
            this.request = Objects.requireNonNull(request, "request");
            this.timer = TIMER.schedule(this::expire, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        }

        private void expire() {
            expired = true;
            request.cancel();
        }

        /** Whether the deadline passed and cancelled the request. */
        public boolean expired() {
            return expired;
        }

        /** The exchange is over: the deadline no longer applies (and leaves the timer's queue at once). */
        @Override
        public void close() {
            timer.cancel(false);
        }
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "gatehouse-http-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
