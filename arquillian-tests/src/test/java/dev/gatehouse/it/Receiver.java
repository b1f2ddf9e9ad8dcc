package dev.gatehouse.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.standardwebhooks.Webhook;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A real webhook receiver on 127.0.0.1 in the test JVM. Each path answers with its own behaviour
 * (by default 200 {@code {"received": true}}) and keeps every request it got; tests wait for a
 * number of requests with a deadline, and verify signatures with the Standard Webhooks library.
 */
final class Receiver implements AutoCloseable {

    static {
        // The JDK server writes a response's headers and body separately; with Nagle's algorithm on,
        // each keep-alive exchange then waits for the client's delayed ACK (tens of milliseconds),
        // which capped the webhook benchmark at the receiver (about 500 deliveries/s instead of 1,000+).
        // Read once, when the first HttpServer is made.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** One received request; header names are lower case. */
    record Request(String path, Map<String, List<String>> headers, String body, long receivedAtNanos) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        String webhookId() {
            return header("webhook-id");
        }

        /** Verifies with the Standard Webhooks reference library; throws when the signature does not match. */
        void verify(String secret) {
            try {
                new Webhook(secret).verify(body, headers);
            } catch (Exception e) {
                throw new AssertionError("signature does not verify with the given secret: " + e, e);
            }
        }
    }

    /** What a path answers. */
    record Answer(int status, String body, Map<String, String> headers, Duration delay) {
        static Answer ok() {
            return new Answer(200, "{\"received\": true}", Map.of(), Duration.ZERO);
        }

        static Answer status(int status) {
            return new Answer(status, "{\"error\": \"status " + status + "\"}", Map.of(), Duration.ZERO);
        }

        Answer after(Duration delay) {
            return new Answer(status, body, headers, delay);
        }
    }

    private final HttpServer server;
    private final ExecutorService pool;
    private final Map<String, BiFunction<Request, Integer, Answer>> behaviour = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<Request> received = new ArrayList<>();
    /** Requests recorded per path, guarded by {@code received}: waiting checks a count, not the whole list. */
    private final Map<String, Integer> recorded = new HashMap<>();

    private Receiver(HttpServer server, ExecutorService pool) {
        this.server = server;
        this.pool = pool;
    }

    static Receiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
            ExecutorService pool = Executors.newFixedThreadPool(64);
            Receiver receiver = new Receiver(server, pool);
            server.createContext("/", receiver::handle);
            server.setExecutor(pool);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL of a path on this receiver. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Sets how a path answers; the function gets the request and its 1-based number on that path. */
    void on(String path, BiFunction<Request, Integer, Answer> answer) {
        behaviour.put(path, answer);
    }

    /** Every request received on a path so far, oldest first. */
    List<Request> received(String path) {
        synchronized (received) {
            return received.stream().filter(r -> r.path().equals(path)).toList();
        }
    }

    /** Waits until a path has received at least {@code count} requests; fails after the deadline. */
    List<Request> await(String path, int count, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        synchronized (received) {
            while (true) {
                int got = recorded.getOrDefault(path, 0);
                if (got >= count) {
                    return received.stream().filter(r -> r.path().equals(path)).toList();
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + count + " requests on " + path + " within " + deadline
                            + ", got " + got);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(received, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            String path = exchange.getRequestURI().getPath();
            Request request = new Request(path, headers, new String(bytes, StandardCharsets.UTF_8), System.nanoTime());
            int n = counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Answer answer = behaviour.getOrDefault(path, (r, i) -> Answer.ok()).apply(request, n);
            if (!answer.delay().isZero()) {
                // Simulates a slow receiver; the request is already recorded only once it is answered.
                try {
                    Thread.sleep(answer.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            synchronized (received) {
                received.add(request);
                recorded.merge(path, 1, Integer::sum);
                received.notifyAll();
            }
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
