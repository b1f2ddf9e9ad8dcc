package dev.gatehouse.webhooks;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread that ends what an outbound HTTP exchange must not outlive: a response body still
 * arriving at its deadline, an event stream read past its answer.
 *
 * <p>Gatehouse's outbound calls block on the calling thread (the webhook sender and the MCP gateway,
 * both in HttpClient 5's classic API) and leave their deadline here, rather
 * than {@code sendAsync(…).get(timeout)} or {@code CompletableFuture.delayedExecutor}: on a machine with
 * fewer than three cores, the common fork-join pool has one thread, and {@code CompletableFuture} then
 * runs every asynchronous completion on a <em>new thread</em> — {@code sendAsync} does so for every
 * response. That cost the webhook sender half its throughput and the MCP gateway two new threads per
 * call (BENCHMARKS.md, "MCP gateway overhead"). The tasks given here must be short and must not block.
 */
public final class HttpDeadlines {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private HttpDeadlines() {
    }

    /**
     * Runs {@code task} once {@code delay} has passed, unless the returned future is cancelled first
     * (a cancelled task leaves the queue at once).
     */
    public static ScheduledFuture<?> after(Duration delay, Runnable task) {
        Objects.requireNonNull(task, "task");
        return TIMER.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
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
