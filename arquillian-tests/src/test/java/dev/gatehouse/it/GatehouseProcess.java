package dev.gatehouse.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The self-contained {@code gatehouse.jar} started as a separate operating-system process, for the
 * tests that kill a server or run two of them on one database.
 */
final class GatehouseProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(4);

    final Http http;
    final URI base;
    private final Process process;
    private final Path log;

    private GatehouseProcess(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.http = new Http(base);
        this.log = log;
    }

    /** Starts the uber-jar on a free port and waits until the API answers the root key. */
    static GatehouseProcess start(String name, String jdbcUrl, String rootKey, List<String> properties) {
        Path jar = Path.of(System.getProperty("gatehouse.it.uberJar", "../war/target/gatehouse.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build it with mvn package");
        }
        Path dir = Path.of(System.getProperty("gatehouse.it.workdir", "target"), "processes", name + "-" + System.nanoTime())
                .toAbsolutePath();
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-Djava.io.tmpdir=" + dir, "-Dgatehouse.db.url=" + jdbcUrl,
                "-Dgatehouse.db.user=" + System.getProperty("gatehouse.it.pg.user", "postgres"),
                "-Dgatehouse.bootstrap.key=" + rootKey,
                "-Dgatehouse.webhooks.allow-http=true", "-Dgatehouse.webhooks.allow-private-targets=true"));
        String password = System.getProperty("gatehouse.it.pg.password", "");
        if (!password.isEmpty()) {
            command.add("-Dgatehouse.db.password=" + password);
        }
        command.addAll(properties);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--port", Integer.toString(port),
                "--nocluster", "--disablephonehome"));
        try {
            Files.createDirectories(dir);
            Path log = dir.resolve("server.log");
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            GatehouseProcess started = new GatehouseProcess(process, URI.create("http://127.0.0.1:" + port + "/"), log);
            started.awaitReady(rootKey);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh, empty PostgreSQL database for one test; returns its JDBC URL. */
    static String freshPostgres(String name) {
        String host = System.getProperty("gatehouse.it.pg.host", "127.0.0.1");
        String port = System.getProperty("gatehouse.it.pg.port", "5432");
        String database = "gatehouse_" + name + "_" + Long.toString(System.currentTimeMillis(), 36);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres",
                System.getProperty("gatehouse.it.pg.user", "postgres"), System.getProperty("gatehouse.it.pg.password", ""));
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private void awaitReady(String rootKey) {
        try {
            Eventually.until(STARTUP, () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("gatehouse.jar exited with " + process.exitValue() + "; see " + log);
                }
                try {
                    return http.get("api/v1/workspaces").key(rootKey).send().status();
                } catch (UncheckedIOException notYetListening) {
                    return -1;
                }
            }, status -> status == 200);
        } catch (AssertionError e) {
            process.destroyForcibly();
            throw new AssertionError(e.getMessage() + "; log: " + log, e);
        }
    }

    /** SIGKILL: no shutdown hooks, no undeploy, sends in flight are cut off. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
