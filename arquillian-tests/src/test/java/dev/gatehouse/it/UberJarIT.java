package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README command 1 as a newcomer runs it: {@code java -jar war/target/gatehouse.jar} in an empty
 * directory prints the root key once, serves the API with it, keeps its data across a restart
 * without printing a key again, serves /health but refuses Payara's /metrics and /openapi, and refuses
 * to start on a malformed bootstrap key. On PostgreSQL,
 * readiness is DOWN while the database refuses connections and UP again after.
 */
class UberJarIT {

    private static final Pattern ROOT_LINE = Pattern.compile("Gatehouse root key \\(shown once\\): (gh_root_\\S+)");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final Duration START = Duration.ofSeconds(300); // a deadline, not a wait: ~15 s on an idle machine

    private final Path work = Path.of(System.getProperty("gatehouse.it.workdir", "target"), "uber-jar-" + System.nanoTime());

    @Test
    void firstStart_printsRootKeyOnce_restartKeepsData_andANewerSchemaIsRefused() throws Exception {
        assumeTrue(!ItEnvironment.isPostgres(), "runs once, in the H2 run");
        String rootKey;
        try (GatehouseProcess first = GatehouseProcess.start(work, Map.of())) {
            assertThat(first.awaitApplication(START)).as(tail(first)).isTrue();
            Matcher m = ROOT_LINE.matcher(first.output());
            assertThat(m.find()).as("root key line in:\n" + tail(first)).isTrue();
            rootKey = m.group(1);
            assertThat(m.find()).as("printed exactly once").isFalse();

            HttpResponse<String> list = get(first, "api/v1/workspaces", rootKey);
            assertThat(list.statusCode()).isEqualTo(200);
            JsonObject body = json(list.body());
            assertThat(body.keySet()).containsExactly("data", "meta", "links");

            HttpResponse<String> created = CLIENT.send(HttpRequest.newBuilder(first.base().resolve("api/v1/workspaces"))
                    .header("Authorization", "Bearer " + rootKey).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"Survives Restarts\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);

            // The jar's baked configuration: MicroProfile Health stays; Payara's own /metrics and
            // its empty /openapi document are switched off, so Payara refuses them (403, in
            // Gatehouse's error shape) instead of serving JVM figures or an empty document.
            assertThat(get(first, "health/ready", rootKey).statusCode()).isEqualTo(200);
            for (String payaraOnly : new String[] {"metrics", "openapi"}) {
                HttpResponse<String> off = get(first, payaraOnly, rootKey);
                assertThat(off.statusCode()).as(payaraOnly).isEqualTo(403);
                assertThat(json(off.body()).containsKey("error")).as(payaraOnly).isTrue();
                assertThat(off.body()).as(payaraOnly).doesNotContain("# TYPE").doesNotContain("openapi");
            }
            assertThat(first.output()).as("no Hazelcast data grid is started").doesNotContain("Hazelcast Instance Bound");
        }
        try (GatehouseProcess second = GatehouseProcess.start(work, Map.of())) {
            assertThat(second.awaitApplication(START)).as(tail(second)).isTrue();
            assertThat(second.output()).doesNotContain("Gatehouse root key (shown once)");
            HttpResponse<String> list = get(second, "api/v1/workspaces?search=Survives", rootKey);
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(json(list.body()).getJsonObject("meta").getInt("total")).isEqualTo(1);
        }

        // A newer Gatehouse applied a migration this build does not know: start-up is refused, clearly.
        String h2 = "jdbc:h2:file:" + work.toAbsolutePath().resolve("gatehouse-data/gatehouse") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        try (Connection c = DriverManager.getConnection(h2, "sa", ""); Statement s = c.createStatement()) {
            s.execute("INSERT INTO gatehouse_schema_history (installed_rank, version, description, type, script, checksum,"
                    + " installed_by, execution_time, success) VALUES (999, '999', 'from the future', 'SQL', 'V999__future.sql', 1, 'test', 1, TRUE)");
        }
        try (GatehouseProcess third = GatehouseProcess.start(work, Map.of())) {
            assertThat(third.awaitExit(START)).as(tail(third)).isEqualTo(2);
            assertThat(third.output()).contains("migration V999 (from the future) applied, which this Gatehouse build does not know");
        }
    }

    @Test
    void malformedBootstrapKey_stopsStartUp_withoutEchoingIt() throws Exception {
        assumeTrue(!ItEnvironment.isPostgres(), "runs once, in the H2 run");
        String malformed = "gh_root_thisIsNotAValidKey123456789";
        try (GatehouseProcess p = GatehouseProcess.start(work, Map.of("GATEHOUSE_BOOTSTRAP_KEY", malformed))) {
            int exit = p.awaitExit(START);
            assertThat(exit).as(tail(p)).isEqualTo(2);
            assertThat(p.output()).contains("GATEHOUSE_BOOTSTRAP_KEY is not a well-formed root key").doesNotContain(malformed);
        }
    }

    @Test
    void unreachableDatabase_stopsStartUp_inPlainWords_withoutTheUrlsSecrets() throws Exception {
        assumeTrue(!ItEnvironment.isPostgres(), "runs once, in the H2 run");
        // A bound socket that never listens: connecting to its port is refused, and nothing else can take
        // the port while the test runs (a port closed before the start could be, and then answered).
        try (Socket reserved = new Socket()) {
            reserved.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            String url = "jdbc:postgresql://127.0.0.1:" + reserved.getLocalPort() + "/gatehouse";
            try (GatehouseProcess p = GatehouseProcess.start(work, Map.of("GATEHOUSE_DB_URL", url + "?password=s3cr3t-in-url"))) {
                int exit = p.awaitExit(START);
                assertThat(exit).as(tail(p)).isEqualTo(2);
                assertThat(p.output()).contains("Gatehouse cannot start: cannot connect to the database " + url
                        + " as postgres: Connection to 127.0.0.1:" + reserved.getLocalPort() + " refused")
                        .doesNotContain("s3cr3t-in-url");
            }
        }
    }

    @Test
    void readiness_isDownWhileTheDatabaseRefusesConnections() throws Exception {
        assumeTrue(ItEnvironment.isPostgres() && ItEnvironment.skipReason() == null, "needs PostgreSQL");
        String db = "gatehouse_ready_" + Long.toString(System.currentTimeMillis(), 36);
        String admin = "jdbc:postgresql://" + System.getProperty("gatehouse.it.pg.host", "127.0.0.1") + ":"
                + System.getProperty("gatehouse.it.pg.port", "5432") + "/postgres";
        String user = System.getProperty("gatehouse.it.pg.user", "postgres");
        ItEnvironment.createPostgresDatabase(db);
        Map<String, String> env = Map.of("GATEHOUSE_DB_URL", admin.replace("/postgres", "/" + db), "GATEHOUSE_DB_USER", user);
        try (GatehouseProcess p = GatehouseProcess.start(work, env)) {
            assertThat(p.awaitApplication(START)).as(tail(p)).isTrue();
            assertThat(awaitReady(p, 200)).isEqualTo(200);
            sql(admin, user, "ALTER DATABASE " + db + " WITH ALLOW_CONNECTIONS false");
            sql(admin, user, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + db + "'");
            assertThat(awaitReady(p, 503)).isEqualTo(503);
            sql(admin, user, "ALTER DATABASE " + db + " WITH ALLOW_CONNECTIONS true");
            assertThat(awaitReady(p, 200)).isEqualTo(200);
        }
    }

    /** Polls /health/ready until it answers {@code expected} or 60 s pass; returns the last status. */
    private static int awaitReady(GatehouseProcess p, int expected) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        int status = -1;
        while (Instant.now().isBefore(deadline)) {
            status = CLIENT.send(HttpRequest.newBuilder(p.base().resolve("health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
            if (status == expected) {
                return status;
            }
            p.awaitExit(Duration.ofMillis(500));
        }
        return status;
    }

    private static void sql(String url, String user, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, System.getProperty("gatehouse.it.pg.password", ""));
             Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static HttpResponse<String> get(GatehouseProcess p, String path, String key) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(p.base().resolve(path)).header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static String tail(GatehouseProcess p) throws Exception {
        String out = p.output();
        return out.length() > 4000 ? out.substring(out.length() - 4000) : out;
    }
}
