package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the README promises about the pixel's in-memory queue, with real server processes on one
 * PostgreSQL database (the PostgreSQL run only): a full queue answers 503 with {@code Retry-After}
 * instead of growing; a normal stop writes the queue out; a crash (SIGKILL) loses exactly the hits
 * accepted since the last flush and nothing written before it. No deployment; the test starts
 * {@code gatehouse.jar} itself.
 */
@EnabledIfSystemProperty(named = "gatehouse.it.db", matches = "postgres")
@ExtendWith(DatabaseAvailable.class)
class PixelCrashIT {

    private static final String DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.85 Safari/537.36";
    /** No periodic flush within the test (an hour), and room for five hits. */
    private static final List<String> HELD = List.of("-Dgatehouse.pixel.flush-interval-ms=3600000",
            "-Dgatehouse.pixel.queue-capacity=5");

    @Test
    void fullQueueIs503_stopWritesTheQueue_crashLosesOnlyWhatWasQueuedSinceTheLastFlush() {
        String db = GatehouseProcess.freshPostgres("pixelcrash");
        String root = TestKeys.newRootKey();

        try (GatehouseProcess first = GatehouseProcess.start("pixel-crash-1", db, root, HELD)) {
            long workspace = workspace(first, root);
            Http.Reply site = first.http.post("api/v1/sites").key(root).workspace(workspace)
                    .json("{\"name\": \"Crash\", \"domains\": [\"crash.test\"]}").send();
            assertThat(site.status()).as(site.toString()).isEqualTo(201);
            for (int i = 0; i < 5; i++) {
                assertThat(track(first, "/held/" + i).status()).isEqualTo(200);
            }
            Http.Reply full = track(first, "/held/full");
            assertThat(full.status()).as(full.toString()).isEqualTo(503);
            assertThat(full.header("Retry-After")).isEqualTo("1");
            assertThat(full.error()).isEqualTo("service_unavailable");
            assertThat(events(db)).as("queued, not written yet").isZero();
        } // close(): SIGTERM, the application stops and writes its queue
        assertThat(events(db)).as("written out by the normal stop").isEqualTo(5);

        try (GatehouseProcess second = GatehouseProcess.start("pixel-crash-2", db, root, HELD)) {
            for (int i = 0; i < 3; i++) {
                assertThat(track(second, "/lost/" + i).status()).isEqualTo(200);
            }
            second.kill();
        }
        assertThat(events(db)).as("the three hits queued since the last flush are lost, nothing else").isEqualTo(5);

        try (GatehouseProcess third = GatehouseProcess.start("pixel-crash-3", db, root, List.of())) {
            for (int i = 0; i < 2; i++) {
                assertThat(track(third, "/flushed/" + i).status()).isEqualTo(200);
            }
            // the shipped flush interval is one second: the hits reach the database, then a crash
            Eventually.until(Duration.ofSeconds(30), () -> events(db), n -> n == 7);
            third.kill();
        }
        assertThat(events(db)).as("what was flushed survives the crash").isEqualTo(7);
        assertThat(count(db, "SELECT count(*) FROM pixel_events WHERE pathname LIKE '/lost/%'")).isZero();
    }

    private static Http.Reply track(GatehouseProcess server, String path) {
        String body = "{\"n\": \"pageview\", \"u\": \"https://crash.test" + path + "\", \"d\": \"crash.test\"}";
        return server.http.post("api/v1/pixel/track").header("User-Agent", DESKTOP)
                .raw("text/plain", body.getBytes(StandardCharsets.UTF_8)).send();
    }

    private static long workspace(GatehouseProcess server, String root) {
        Http.Reply r = server.http.post("api/v1/workspaces").key(root).json("{\"name\": \"Pixel crash\"}").send();
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.data().getJsonNumber("id").longValue();
    }

    private static long events(String db) {
        return count(db, "SELECT count(*) FROM pixel_events");
    }

    private static long count(String db, String sql) {
        try (Connection c = DriverManager.getConnection(db, System.getProperty("gatehouse.it.pg.user", "postgres"),
                System.getProperty("gatehouse.it.pg.password", "")); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
