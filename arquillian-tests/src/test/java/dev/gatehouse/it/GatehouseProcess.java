package dev.gatehouse.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code war/target/gatehouse.jar} as a user would ({@code java -jar gatehouse.jar}), in its
 * own working directory and on a free port, with the output kept in a file for assertions.
 */
final class GatehouseProcess implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path output;
    private final int port;

    private GatehouseProcess(Process process, Path output, int port) {
        this.process = process;
        this.output = output;
        this.port = port;
    }

    static GatehouseProcess start(Path workdir, Map<String, String> env, String... extraJvmArgs) throws IOException {
        Files.createDirectories(workdir);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path jar = Path.of(System.getProperty("gatehouse.it.uberJar", "../war/target/gatehouse.jar")).toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Djava.io.tmpdir=" + workdir.toAbsolutePath()));
        cmd.addAll(List.of(extraJvmArgs));
        cmd.addAll(List.of("-jar", jar.toString(), "--port", Integer.toString(port)));
        Path output = Files.createTempFile(workdir, "gatehouse-", ".out");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workdir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("GATEHOUSE_"));
        pb.environment().putAll(env);
        return new GatehouseProcess(pb.start(), output, port);
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** Waits until the application answers (an unauthenticated call gets its 401), or the process ends. */
    boolean awaitApplication(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(base().resolve("api/v1/me"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 401) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            process.waitFor(250, TimeUnit.MILLISECONDS);
        }
        return false;
    }

    /** Waits for the process to end by itself; returns its exit code, or -1 if it did not end in time. */
    int awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    String output() throws IOException {
        return Files.readString(output);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
