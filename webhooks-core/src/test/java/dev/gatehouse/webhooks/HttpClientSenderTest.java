package dev.gatehouse.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HttpClientSenderTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Map<String, String> HEADERS = Map.of(
            "webhook-id", "evt_123",
            "webhook-timestamp", "1614265330",
            "webhook-signature", "v1,abc=",
            "content-type", "application/json");

    private final UrlPolicy localPolicy = UrlPolicy.builder().allowHttp(true).allowPrivateTargets(true).build();
    private final HttpClientSender sender = new HttpClientSender(localPolicy);
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final Map<String, String> received = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Integer> clientPorts = new java.util.concurrent.CopyOnWriteArrayList<>();
    private HttpServer server;
    private ExecutorService serverThreads;
    private String base;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/ok", exchange -> {
            received.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            received.put("method", exchange.getRequestMethod());
            exchange.getRequestHeaders().forEach((name, values) -> received.put(name.toLowerCase(), values.get(0)));
            clientPorts.add(exchange.getRemoteAddress().getPort());
            respond(exchange, 200, "{\"received\":true}");
        });
        server.createContext("/fail", exchange -> respond(exchange, 500, "boom"));
        server.createContext("/busy", exchange -> {
            exchange.getResponseHeaders().add("Retry-After", "120");
            respond(exchange, 503, "");
        });
        server.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", base + "/target");
            respond(exchange, 302, "");
        });
        server.createContext("/target", exchange -> respond(exchange, 200, "followed"));
        server.createContext("/big", exchange -> respond(exchange, 200, "x".repeat(100_000)));
        server.createContext("/slow", exchange -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "late");
        });
        server.createContext("/trickle", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write("{\"started\":".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        sender.close();
        release.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    @Test
    void send_receiverAnswers200_returnsStatusAndBodyAndSuccess() {
        SendResult result = sender.send(new SendRequest(base + "/ok", HEADERS, "{\"a\":\"ü\"}", TIMEOUT));

        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.success()).isTrue();
        assertThat(result.responseBody()).isEqualTo("{\"received\":true}");
        assertThat(result.error()).isNull();
        assertThat(result.firstHeader("Content-Type")).contains("application/json");
    }

    @Test
    void send_anyRequest_postsTheExactBodyWithHeadersAndUserAgent() {
        sender.send(new SendRequest(base + "/ok", HEADERS, "{\"a\":\"ü\"}", TIMEOUT));

        assertThat(received).containsEntry("method", "POST")
                .containsEntry("body", "{\"a\":\"ü\"}")
                .containsEntry("webhook-id", "evt_123")
                .containsEntry("webhook-timestamp", "1614265330")
                .containsEntry("webhook-signature", "v1,abc=")
                .containsEntry("content-type", "application/json")
                .containsEntry("user-agent", "Gatehouse-Webhooks/1");
    }

    @Test
    void send_receiverAnswers500_returnsFailureWithStatusAndBody() {
        SendResult result = sender.send(new SendRequest(base + "/fail", HEADERS, "{}", TIMEOUT));

        assertThat(result.statusCode()).isEqualTo(500);
        assertThat(result.success()).isFalse();
        assertThat(result.responseBody()).isEqualTo("boom");
        assertThat(result.error()).isNull();
    }

    @Test
    void send_receiverSendsRetryAfter_exposesTheHeader() {
        SendResult result = sender.send(new SendRequest(base + "/busy", HEADERS, "{}", TIMEOUT));

        assertThat(result.statusCode()).isEqualTo(503);
        assertThat(result.firstHeader("retry-after")).contains("120");
    }

    @Test
    void send_receiverRedirects_isNotFollowed() {
        SendResult result = sender.send(new SendRequest(base + "/redirect", HEADERS, "{}", TIMEOUT));

        assertThat(result.statusCode()).isEqualTo(302);
        assertThat(result.success()).isFalse();
        assertThat(hits).doesNotContainKey("/target");
    }

    @Test
    void send_hugeResponse_keepsOnlyTheFirst4KiB() {
        SendResult result = sender.send(new SendRequest(base + "/big", HEADERS, "{}", TIMEOUT));

        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.responseBody()).hasSize(4096).matches("x+");
    }

    @Test
    void send_twice_reusesTheKeptAliveConnection() {
        SendResult first = sender.send(new SendRequest(base + "/ok", HEADERS, "{}", TIMEOUT));
        SendResult second = sender.send(new SendRequest(base + "/ok", HEADERS, "{}", TIMEOUT));

        assertThat(first.success()).isTrue();
        assertThat(second.success()).isTrue();
        assertThat(clientPorts).hasSize(2);
        assertThat(clientPorts.get(1)).isEqualTo(clientPorts.get(0));
    }

    @Test
    void send_afterAHugeResponse_dropsThatConnectionAndTheNextSendStillWorks() {
        sender.send(new SendRequest(base + "/ok", HEADERS, "{}", TIMEOUT));
        SendResult huge = sender.send(new SendRequest(base + "/big", HEADERS, "{}", TIMEOUT));
        SendResult next = sender.send(new SendRequest(base + "/ok", HEADERS, "{}", TIMEOUT));

        assertThat(huge.responseBody()).hasSize(4096);
        assertThat(next.success()).isTrue();
        assertThat(next.responseBody()).isEqualTo("{\"received\":true}");
        assertThat(clientPorts).hasSize(2);
        assertThat(clientPorts.get(1)).isNotEqualTo(clientPorts.get(0));
    }

    @Test
    void send_afterClose_failsWithoutSending() {
        sender.close();

        SendResult result = sender.send(new SendRequest(base + "/ok", HEADERS, "{}", TIMEOUT));

        assertThat(result.success()).isFalse();
        assertThat(result.error()).isEqualTo("Request failed");
        assertThat(hits).doesNotContainKey("/ok");
    }

    @Test
    void send_onAnInterruptedThread_failsAsInterruptedAndKeepsTheFlag() {
        Thread.currentThread().interrupt();
        SendResult result;
        boolean stillInterrupted;
        try {
            result = sender.send(new SendRequest(base + "/ok", HEADERS, "{}", TIMEOUT));
        } finally {
            stillInterrupted = Thread.interrupted();
        }

        assertThat(result.success()).isFalse();
        assertThat(result.error()).isEqualTo("Interrupted");
        assertThat(stillInterrupted).isTrue();
    }

    @Test
    void send_receiverTooSlow_timesOutWithShortHumanError() {
        SendResult result = sender.send(new SendRequest(base + "/slow", HEADERS, "{}", Duration.ofMillis(300)));

        assertThat(result.statusCode()).isNull();
        assertThat(result.success()).isFalse();
        assertThat(result.error()).isEqualTo("Timed out after 300 ms");
    }

    @Test
    void send_bodyStallsAfterTheHeaders_timesOutAtTheDeadline() {
        long started = System.nanoTime();

        SendResult result = sender.send(new SendRequest(base + "/trickle", HEADERS, "{}", Duration.ofMillis(300)));

        assertThat(result.success()).isFalse();
        assertThat(result.error()).isEqualTo("Timed out after 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void send_nothingListening_reportsConnectionRefused() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        SendResult result = sender.send(new SendRequest("http://127.0.0.1:" + closedPort + "/", HEADERS, "{}", TIMEOUT));

        assertThat(result.statusCode()).isNull();
        assertThat(result.error()).isEqualTo("Connection refused");
    }

    @Test
    void send_policyForbidsHttp_refusesWithoutSending() {
        SendResult result;
        try (HttpClientSender strict = new HttpClientSender(UrlPolicy.strict())) {
            result = strict.send(new SendRequest(base + "/ok", HEADERS, "{}", TIMEOUT));
        }

        assertThat(result.error()).isEqualTo("Target refused by policy: must use https");
        assertThat(result.statusCode()).isNull();
        assertThat(hits).doesNotContainKey("/ok");
    }

    @Test
    void send_policyForbidsLoopback_refusesWithoutSending() {
        SendResult result;
        try (HttpClientSender noPrivate = new HttpClientSender(UrlPolicy.builder().allowHttp(true).build())) {
            result = noPrivate.send(new SendRequest(base + "/ok", HEADERS, "{}", TIMEOUT));
        }

        assertThat(result.error()).isEqualTo("Target refused by policy: must not target a loopback address");
        assertThat(hits).doesNotContainKey("/ok");
    }

    @Test
    void send_dnsRebindsToLoopbackAfterRegistration_refusesAtSendTime() {
        AtomicInteger lookups = new AtomicInteger();
        HostResolver rebinding = host -> List.of(lookups.getAndIncrement() == 0
                ? InetAddress.getByName("93.184.216.34")
                : InetAddress.getByName("127.0.0.1"));
        UrlPolicy policy = UrlPolicy.builder().allowHttp(true).resolver(rebinding).build();
        String url = "http://rebind.example.com:" + server.getAddress().getPort() + "/ok";
        assertThat(policy.violation(url)).isEmpty();

        SendResult result;
        try (HttpClientSender rebound = new HttpClientSender(policy)) {
            result = rebound.send(new SendRequest(url, HEADERS, "{}", TIMEOUT));
        }

        assertThat(result.error()).isEqualTo("Target refused by policy: must not target a loopback address");
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new ConnectTimeoutException("Connect to https://secret.example.com timed out"),
                        "Connection timed out after 10 s"),
                Arguments.of(new SocketTimeoutException("Read timed out"), "Timed out after 15 s"),
                Arguments.of(new ConnectionRequestTimeoutException("Timeout deadline: 15000 MILLISECONDS"), "Timed out after 15 s"),
                Arguments.of(new IOException(new ConnectException("Connection refused")), "Connection refused"),
                Arguments.of(new UnknownHostException("x"), "Host does not resolve"),
                Arguments.of(new SSLHandshakeException("PKIX path building failed"), "TLS handshake failed"),
                Arguments.of(new SSLException("bad record"), "TLS error"),
                Arguments.of(new IOException("connection reset by https://secret.example.com/token"),
                        "Connection failed"),
                Arguments.of(new IllegalStateException("weird"), "Request failed"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("failures")
    void describe_failure_isShortHumanTextWithoutTheExceptionMessage(Throwable failure, String expected) {
        assertThat(HttpClientSender.describe(failure, Duration.ofSeconds(15))).isEqualTo(expected);
    }

    private void respond(HttpExchange exchange, int status, String body) throws IOException {
        hits.computeIfAbsent(exchange.getRequestURI().getPath(), path -> new AtomicInteger()).incrementAndGet();
        exchange.getRequestBody().readAllBytes();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            } catch (IOException clientHungUp) {
                // expected for the truncated body: the sender drops the connection after 4 KiB
            }
        }
        exchange.close();
    }
}
