package dev.gatehouse.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The WildFly the build unpacked ({@code target/wildfly-<version>}), configured by the test's CLI
 * script ({@code src/test/wildfly/configure.cli}) and started with {@code bin/standalone.sh -c
 * standalone-microprofile.xml} as a user would, on a port offset whose every port is free. The WAR
 * goes in unchanged as {@code standalone/deployments/ROOT.war}; its settings are files in the
 * directory config source the script adds (one file a property).
 */
final class WildFlyServer implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern ROOT_KEY = Pattern.compile("Gatehouse root key \\(shown once\\): (gh_root_[A-Za-z0-9]+)");
    /** The ports standalone-microprofile.xml binds, before the offset. */
    private static final int[] PORTS = {8080, 8443, 8009, 9990, 9993, 4712, 4713};

    private final Path home;
    private final Path output;
    private final int offset;
    private Process process;

    private WildFlyServer(Path home, Path output, int offset) {
        this.home = home;
        this.output = output;
        this.offset = offset;
    }

    /**
     * Configures the unpacked server with the CLI script (offline, {@code embed-server}) and picks a
     * free port offset. {@code testOnly} are further commands run in the same embedded server, before
     * the script's {@code stop-embedded-server}.
     */
    static WildFlyServer configure(Path home, Path cliScript, List<String> testOnly) {
        Path output = home.resolve("gatehouse-server.out");
        WildFlyServer server = new WildFlyServer(home, output, freeOffset());
        try {
            String script = Files.readString(cliScript);
            int stop = script.lastIndexOf("stop-embedded-server");
            if (stop < 0) {
                throw new IllegalStateException(cliScript + " does not end with stop-embedded-server");
            }
            Path combined = home.resolve("gatehouse-configure.cli");
            Files.writeString(combined, script.substring(0, stop) + String.join("\n", testOnly) + "\n" + script.substring(stop));
            server.run(List.of(home.resolve("bin/jboss-cli.sh").toString(), "--file=" + combined),
                    home.resolve("gatehouse-cli.out"), Duration.ofMinutes(3));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    /** Runs CLI commands against the running server (local authentication, as its own user). */
    void cli(String... commands) {
        run(List.of(home.resolve("bin/jboss-cli.sh").toString(), "--connect",
                "--controller=remote+http://127.0.0.1:" + (9990 + offset), "--commands=" + String.join(",", commands)),
                home.resolve("gatehouse-cli-connected.out"), Duration.ofMinutes(2));
    }

    /** Writes settings into the config-source directory (one file a property); WildFly reads it when it boots. */
    void settings(Map<String, String> settings) {
        Path dir = home.resolve("standalone/configuration/gatehouse");
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> e : settings.entrySet()) {
                Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server, with nothing deployed yet. */
    void start() {
        try {
            ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/standalone.sh").toString(),
                    "-c", "standalone-microprofile.xml",
                    "-Djboss.socket.binding.port-offset=" + offset,
                    // a deployment that fails is rolled back and marked ROOT.war.failed
                    "-Djboss.deployment.scanner.rollback.on.failure=true")
                    .directory(home.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("GATEHOUSE_"));
            // standalone.sh then passes TERM on to the server's JVM and waits for it
            pb.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the server says it has started (WFLYSRV0025); fails if it started with errors. */
    void awaitStarted(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            String out = output();
            if (out.contains("WFLYSRV0025")) {
                return;
            }
            if (out.contains("WFLYSRV0026") || !process.isAlive()) {
                throw new IllegalStateException("WildFly did not start cleanly:\n" + tail());
            }
            pause();
        }
        throw new IllegalStateException("WildFly did not start within " + timeout + ":\n" + tail());
    }

    /** Drops the WAR in as ROOT.war (whole, in one move, so the scanner never sees half a file). */
    void deploy(Path war) {
        Path deployments = home.resolve("standalone/deployments");
        try {
            Path copy = Files.copy(war, deployments.resolve("ROOT.war.copying"), StandardCopyOption.REPLACE_EXISTING);
            Files.move(copy, deployments.resolve("ROOT.war"), StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(deployments.resolve("ROOT.war.dodeploy"), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits for the deployment scanner's verdict on ROOT.war: true when deployed, false when it
     * failed. Fails when the server ends or nothing is decided in time.
     */
    boolean awaitDeployment(Duration timeout) {
        Path deployments = home.resolve("standalone/deployments");
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(deployments.resolve("ROOT.war.deployed"))) {
                return true;
            }
            if (Files.exists(deployments.resolve("ROOT.war.failed"))) {
                return false;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("WildFly ended (exit " + process.exitValue() + "):\n" + tail());
            }
            pause();
        }
        throw new IllegalStateException("ROOT.war neither deployed nor failed within " + timeout + ":\n" + tail());
    }

    /** Deploys ROOT.war again through the scanner's marker files (after a failed deploy). */
    void redeploy() {
        Path deployments = home.resolve("standalone/deployments");
        try {
            Files.deleteIfExists(deployments.resolve("ROOT.war.failed"));
            Files.deleteIfExists(deployments.resolve("ROOT.war.deployed"));
            Files.writeString(deployments.resolve("ROOT.war.dodeploy"), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Why the last deploy failed, as WildFly wrote it into ROOT.war.failed. */
    String failure() {
        try {
            return Files.readString(home.resolve("standalone/deployments/ROOT.war.failed"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code /health/ready} on the management port answers 200. */
    String awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(management().resolve("health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return r.body();
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause();
        }
        throw new IllegalStateException("readiness not UP within " + timeout + ": " + last);
    }

    /** Every root key the server's output shows, in order. */
    List<String> printedRootKeys() {
        Matcher m = ROOT_KEY.matcher(output());
        return m.results().map(r -> r.group(1)).toList();
    }

    /** The application's root URL. */
    URI base() {
        return URI.create("http://127.0.0.1:" + (8080 + offset) + "/");
    }

    /** The management interface's root URL (health checks). */
    URI management() {
        return URI.create("http://127.0.0.1:" + (9990 + offset) + "/");
    }

    String output() {
        try {
            return Files.exists(output) ? Files.readString(output) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String tail() {
        String out = output();
        return out.substring(Math.max(0, out.length() - 6000));
    }

    /** Stops the server as a user would (TERM), and kills it if it has not ended after a minute. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(List<String> command, Path log, Duration timeout) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " did not end within " + timeout);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(command + " failed (exit " + p.exitValue() + "):\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A port offset at which every port the server binds on 127.0.0.1 is free right now. */
    private static int freeOffset() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int offset = ThreadLocalRandom.current().nextInt(1_000, 50_000);
            if (allFree(offset)) {
                return offset;
            }
        }
        throw new IllegalStateException("no port offset with all of " + java.util.Arrays.toString(PORTS) + " free");
    }

    private static boolean allFree(int offset) {
        for (int port : PORTS) {
            try (ServerSocket s = new ServerSocket(port + offset, 1, InetAddress.getLoopbackAddress())) {
                s.setReuseAddress(true);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }

    private static void pause() {
        try {
            Thread.sleep(250); // polling the server's files and port, not waiting on application time
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates a fresh PostgreSQL database; returns its JDBC URL. */
    static String createDatabase(String name) throws SQLException {
        try (Connection c = postgresAdmin(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return "jdbc:postgresql://" + pgHost() + ":" + pgPort() + "/" + name;
    }

    static void dropDatabase(String name) {
        try (Connection c = postgresAdmin(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("[wildfly-tests] could not drop " + name + ": " + e.getMessage());
        }
    }

    static Connection postgresAdmin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + pgHost() + ":" + pgPort() + "/postgres", pgUser(), pgPassword());
    }

    static String pgHost() {
        return System.getProperty("gatehouse.it.pg.host", "127.0.0.1");
    }

    static String pgPort() {
        return System.getProperty("gatehouse.it.pg.port", "5432");
    }

    static String pgUser() {
        return System.getProperty("gatehouse.it.pg.user", "postgres");
    }

    static String pgPassword() {
        return System.getProperty("gatehouse.it.pg.password", "");
    }
}
