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
    /** The server's root URL and a client for it. */
    final URI base;
    final Http http;

    private GatehouseProcess(Process process, Path output, int port) {
        this.process = process;
        this.output = output;
        this.port = port;
        this.base = URI.create("http://127.0.0.1:" + port + "/");
        this.http = new Http(base);
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

    /**
     * Starts the jar on the given database with a known root key and extra {@code -D} properties,
     * and waits (up to 6 minutes, a deadline for a loaded machine) until the application answers.
     */
    static GatehouseProcess start(String name, String jdbcUrl, String rootKey, List<String> properties) {
        List<String> args = new ArrayList<>(List.of("-Dgatehouse.webhooks.allow-http=true",
                "-Dgatehouse.webhooks.allow-private-targets=true"));
        args.addAll(properties);
        return startOn(name, jdbcUrl, rootKey, args);
    }

    /**
     * Starts the jar with the shipped defaults: only the database ({@code null}: the default H2 file
     * database in the process's own directory) and the root key are set.
     */
    static GatehouseProcess startWithDefaults(String name, String jdbcUrl, String rootKey) {
        return startOn(name, jdbcUrl, rootKey, List.of());
    }

    private static GatehouseProcess startOn(String name, String jdbcUrl, String rootKey, List<String> properties) {
        Path dir = Path.of(System.getProperty("gatehouse.it.workdir", "target"), "processes", name + "-" + System.nanoTime())
                .toAbsolutePath();
        List<String> args = new ArrayList<>(List.of("-Dgatehouse.bootstrap.key=" + rootKey));
        if (jdbcUrl != null) {
            args.add("-Dgatehouse.db.url=" + jdbcUrl);
            args.add("-Dgatehouse.db.user=" + System.getProperty("gatehouse.it.pg.user", "postgres"));
            String password = System.getProperty("gatehouse.it.pg.password", "");
            if (!password.isEmpty()) {
                args.add("-Dgatehouse.db.password=" + password);
            }
        }
        args.addAll(properties);
        try {
            GatehouseProcess started = start(dir, Map.of(), args.toArray(String[]::new));
            if (!started.awaitApplication(Duration.ofMinutes(6))) {
                String out = started.output();
                started.close();
                throw new IllegalStateException("Gatehouse did not start:\n" + out.substring(Math.max(0, out.length() - 4000)));
            }
            return started;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The port the process listens on (127.0.0.1). */
    int port() {
        return port;
    }

    /** Creates a fresh PostgreSQL database and returns its JDBC URL. */
    static String freshPostgres(String name) {
        String host = System.getProperty("gatehouse.it.pg.host", "127.0.0.1");
        String port = System.getProperty("gatehouse.it.pg.port", "5432");
        String database = "gatehouse_" + name + "_" + Long.toString(System.currentTimeMillis(), 36);
        try {
            ItEnvironment.createPostgresDatabase(database);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Ends the process at once, as a crash would (SIGKILL): no shutdown hooks, nothing flushed. */
    void kill() {
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The file the process writes its output to. */
    Path log() {
        return output;
    }

    URI base() {
        return base;
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
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
