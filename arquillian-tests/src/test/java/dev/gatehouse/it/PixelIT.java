package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Pixel analytics against the deployed WAR with its shipped defaults: sites CRUD, the public
 * config/track/gif endpoints with hostile input, and a real headless Chromium that loads pages from
 * a local origin ({@code localhost}, a site any developer can declare) through Gatehouse's script,
 * a {@code <noscript>} image and {@code @plausible-analytics/tracker} from npm — after which the
 * stats show exactly those views, visitors and pages, and no table holds the client's address.
 */
class PixelIT extends GatehouseIT {

    private static final Path NODE_DIR = Path.of(System.getProperty("gatehouse.it.node", "target/node"));
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final String DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.85 Safari/537.36";

    // --- sites -----------------------------------------------------------------------------------

    @Test
    void sites_crud_withScopesAndTenancy() {
        long ws = newWorkspace("Pixel CRUD");
        String writer = key(ws, "sites:read", "sites:write");
        String reader = key(ws, "sites:read");

        Http.Reply created = http.post("api/v1/sites").key(writer)
                .json("{\"name\": \"Shop\", \"domains\": [\"Shop.Example.com\", \"*.shop.example.com\"], \"sample_rate\": 0.5}").send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonObject site = created.data();
        long id = site.getJsonNumber("id").longValue();
        assertThat(site.getJsonArray("domains").toString()).isEqualTo("[\"shop.example.com\",\"*.shop.example.com\"]");
        assertThat(site.getJsonArray("features").size()).isEqualTo(3);
        assertThat(site.getString("script_tag")).contains("/api/v1/pixel/script.js");
        assertThat(created.header("Location")).endsWith("/api/v1/sites/" + id);

        assertThat(http.get("api/v1/sites/" + id).key(reader).send().data().getString("name")).isEqualTo("Shop");
        assertThat(http.get("api/v1/sites?status=enabled&sort=-created_at").key(reader).send().list()).hasSize(1);
        Http.Reply patched = http.patch("api/v1/sites/" + id).key(writer)
                .json("{\"enabled\": false, \"features\": [\"pageviews\"]}").send();
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.data().getBoolean("enabled")).isFalse();
        assertThat(patched.data().getString("name")).isEqualTo("Shop");

        // missing scope, another workspace, bad input
        assertThat(http.post("api/v1/sites").key(reader).json("{\"name\": \"x\", \"domains\": [\"x.test\"]}").send().status())
                .isEqualTo(403);
        String other = key(newWorkspace("Pixel other"), "sites:read", "sites:write", "analytics:read");
        assertThat(http.get("api/v1/sites/" + id).key(other).send().status()).isEqualTo(404);
        assertThat(http.patch("api/v1/sites/" + id).key(other).json("{\"name\": \"mine\"}").send().status()).isEqualTo(404);
        assertThat(http.delete("api/v1/sites/" + id).key(other).send().status()).isEqualTo(404);
        assertThat(http.get("api/v1/sites/" + id + "/stats").key(other).send().status()).isEqualTo(404);
        assertThat(http.get("api/v1/sites/" + id + "/stats").key(reader).send().status()).isEqualTo(403);
        Http.Reply bad = http.post("api/v1/sites").key(writer)
                .json("{\"name\": \"\", \"domains\": [\"https://x.test/path\", \"*.\"], \"features\": [\"cookies\"],"
                        + " \"sample_rate\": 2, \"ingest_limit_per_minute\": 0}").send();
        assertThat(bad.status()).as(bad.toString()).isEqualTo(422);
        assertThat(bad.json().getJsonObject("errors").keySet())
                .contains("name", "domains", "features", "sample_rate", "ingest_limit_per_minute");
        Http.Reply unknown = http.post("api/v1/sites").key(writer)
                .json("{\"name\": \"x\", \"domains\": [\"x.test\"], \"colour\": \"red\"}").send();
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().getJsonObject("errors").keySet()).containsExactly("colour");
        assertThat(http.post("api/v1/sites").key(writer).json("{\"name\": \"x\", \"domains\": \"x.test\"}").send().status())
                .isEqualTo(422);
        assertThat(http.get("api/v1/sites/abc").key(reader).send().status()).isEqualTo(404);

        assertThat(http.delete("api/v1/sites/" + id).key(writer).send().status()).isEqualTo(204);
        assertThat(http.get("api/v1/sites/" + id).key(reader).send().status()).isEqualTo(404);
    }

    // --- the public endpoints --------------------------------------------------------------------

    @Test
    void config_resolvesTheDomainAndIsCacheable() {
        long ws = newWorkspace("Pixel config");
        createSite(ws, "{\"name\": \"Docs\", \"domains\": [\"docs.config.test\"], \"sample_rate\": 0.25}");

        Http.Reply known = http.get("api/v1/pixel/config").header("Origin", "https://WWW.docs.config.test:8443").send();
        assertThat(known.status()).isEqualTo(200);
        assertThat(known.json().getBoolean("enabled")).isTrue();
        assertThat(known.json().getJsonNumber("sample_rate").doubleValue()).isEqualTo(0.25);
        assertThat(known.json().getJsonObject("features").getBoolean("events")).isTrue();
        assertThat(known.header("Cache-Control")).isEqualTo("public, max-age=300");
        assertThat(known.headers().allValues("Vary").toString()).contains("Origin");
        assertThat(known.header("Access-Control-Allow-Origin")).isEqualTo("*");

        Http.Reply unknown = http.get("api/v1/pixel/config?domain=nobody.test").send();
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json().getBoolean("enabled")).isFalse();
    }

    @Test
    void track_preflightAndPlainText_areAnsweredForAnyOrigin() {
        Http.Reply preflight = http.call("OPTIONS", "api/v1/pixel/track").header("Origin", "https://anywhere.test")
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type").send();
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
    }

    @Test
    void track_hostileOrWrongInput_isAClear4xx() {
        long ws = newWorkspace("Pixel hostile");
        createSite(ws, "{\"name\": \"Hostile\", \"domains\": [\"hostile.test\"], \"ingest_limit_per_minute\": 1000}");
        String ok = "\"url\": \"https://hostile.test/\"";
        Map<String, Integer> cases = new TreeMap<>();
        cases.put("{" + ok + ", \"event\": \"pageview\", \"x\": \"" + "a".repeat(9000) + "\"}", 413);
        cases.put("{not json", 400);
        cases.put("[1, 2]", 400);
        cases.put("\"pageview\"", 400);
        cases.put("", 400);
        cases.put("{" + ok + ", \"event\": \"pageview\", \"colour\": 1}", 422);
        cases.put("{\"event\": \"pageview\", \"url\": \"javascript:alert(1)\"}", 422);
        cases.put("{\"event\": \"pageview\", \"url\": \"data:text/html,<script>alert(1)</script>\"}", 422);
        cases.put("{" + ok + ", \"event\": \"pageview\", \"referrer\": \"javascript:alert(1)\"}", 422);
        cases.put("{\"event\": \"pageview\", \"url\": \"https://hostile.test/" + "a".repeat(2001) + "\"}", 422);
        cases.put("{" + ok + ", \"event\": 5}", 422);
        cases.put("{" + ok + "}", 422);
        cases.put("{" + ok + ", \"event\": \"" + "e".repeat(121) + "\"}", 422);
        cases.put("{" + ok + ", \"event\": \"signup\", \"properties\": {\"a\": {\"b\": 1}}}", 422);
        cases.put("{" + ok + ", \"event\": \"signup\", \"properties\": [1]}", 422);
        cases.put("{" + ok + ", \"event\": \"signup\", \"properties\": {" + manyProperties(31) + "}}", 422);
        cases.put("{" + ok + ", \"event\": \"signup\", \"properties\": {\"deep\": " + "[".repeat(3000) + "]".repeat(3000) + "}}", 0);
        cases.put("{\"event\": \"pageview\", \"url\": \"https://not-a-site.test/\"}", 400);
        cases.put("{\"event\": \"pageview\", \"url\": \"https://hostile.test/\", \"domain\": \"other.test\"}", 403);
        for (var c : cases.entrySet()) {
            Http.Reply r = http.post("api/v1/pixel/track").header("User-Agent", DESKTOP)
                    .raw("text/plain", c.getKey().getBytes(StandardCharsets.UTF_8)).send();
            if (c.getValue() == 0) { // too deep to parse (400) or not flat (422): either way a clear 4xx
                assertThat(r.status()).as(abbreviate(c.getKey()) + " -> " + r).isIn(400, 422);
            } else {
                assertThat(r.status()).as(abbreviate(c.getKey()) + " -> " + r).isEqualTo(c.getValue());
            }
            assertThat(r.json().getString("error")).isNotBlank();
        }
        Http.Reply binary = http.post("api/v1/pixel/track").header("User-Agent", DESKTOP)
                .raw("text/plain", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0x7b}).send();
        assertThat(binary.status()).as(binary.toString()).isEqualTo(400);

        Http.Reply foreign = http.post("api/v1/pixel/track").header("User-Agent", DESKTOP).header("Origin", "https://evil.test")
                .json("{\"event\": \"pageview\", \"url\": \"https://hostile.test/\"}").send();
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(403);
        assertThat(foreign.error()).isEqualTo("origin_not_allowed");

        Http.Reply gifWithoutPage = http.get("api/v1/pixel/track.gif").header("User-Agent", DESKTOP).send();
        assertThat(gifWithoutPage.status()).isEqualTo(422);
    }

    @Test
    void track_doNotTrackBotsAndTheSiteCeiling() {
        long ws = newWorkspace("Pixel limits");
        createSite(ws, "{\"name\": \"Ceiling\", \"domains\": [\"ceiling.test\"], \"ingest_limit_per_minute\": 2}");
        String hit = "{\"event\": \"pageview\", \"url\": \"https://ceiling.test/\"}";

        Http.Reply dnt = http.post("api/v1/pixel/track").header("User-Agent", DESKTOP).header("DNT", "1").json(hit).send();
        assertThat(dnt.json().getBoolean("tracked")).isFalse();
        assertThat(dnt.header("X-Pixel-Dropped")).isEqualTo("do_not_track");
        Http.Reply bot = http.post("api/v1/pixel/track").header("User-Agent", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")
                .json(hit).send();
        assertThat(bot.status()).isEqualTo(200);
        assertThat(bot.json().getBoolean("tracked")).isFalse();
        assertThat(bot.header("X-Pixel-Dropped")).startsWith("bot; Googlebot");

        assertThat(http.post("api/v1/pixel/track").header("User-Agent", DESKTOP).json(hit).send().json().getBoolean("tracked")).isTrue();
        assertThat(http.post("api/v1/pixel/track").header("User-Agent", DESKTOP).json(hit).send().status()).isEqualTo(200);
        Http.Reply over = http.post("api/v1/pixel/track").header("User-Agent", DESKTOP).json(hit).send();
        assertThat(over.status()).as(over.toString()).isEqualTo(429);
        assertThat(Long.parseLong(over.header("Retry-After"))).isBetween(1L, 60L);
    }

    // --- a real browser --------------------------------------------------------------------------

    @Test
    void browser_scriptSpaEventBeaconNoscriptAndPlausible_showUpInStats() throws Exception {
        requireBrowser();
        long ws = newWorkspace("Pixel browser");
        long site = createSite(ws, "{\"name\": \"Local shop\", \"domains\": [\"localhost\"]}");
        String analyst = key(ws, "analytics:read");

        Result r = node("pixel-browser.mjs", baseUrl());
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonObject out = parse(lastLine(r.out()));
        JsonObject steps = out.getJsonObject("steps");
        for (String step : List.of("pageview", "spa", "custom", "plausiblePageview", "plausibleEvent")) {
            assertThat(steps.getJsonObject(step).getInt("status")).as(step + ": " + steps).isEqualTo(200);
            assertThat(steps.getJsonObject(step).getBoolean("tracked")).as(step + ": " + steps).isTrue();
        }
        assertThat(steps.getJsonObject("beacon").getBoolean("left")).isTrue();
        assertThat(steps.getJsonObject("gif").getInt("status")).isEqualTo(200);
        assertThat(steps.getJsonObject("gif").getString("type")).isEqualTo("image/gif");
        assertThat(steps.getJsonObject("gif").getString("cache")).contains("no-store");
        assertThat(out.getString("headlessUserAgent")).contains("HeadlessChrome");
        JsonObject headless = steps.getJsonObject("headless");
        assertThat(headless.getBoolean("tracked")).isFalse();
        assertThat(headless.getString("dropped")).isEqualTo("bot; HeadlessChrome");

        // Two visitors (desktop Chrome with script and image; Firefox with the Plausible tracker),
        // four pageviews on four pages, two custom events.
        JsonObject stats = Eventually.until(Duration.ofSeconds(20),
                () -> http.get("api/v1/sites/" + site + "/stats?period=today&breakdown=page&sort=value").key(analyst).send().data(),
                s -> s.getJsonObject("aggregate").getInt("pageviews") >= 4 && s.getJsonObject("aggregate").getInt("events") >= 2);
        JsonObject aggregate = stats.getJsonObject("aggregate");
        assertThat(aggregate.getInt("pageviews")).as(stats.toString()).isEqualTo(4);
        assertThat(aggregate.getInt("visitors")).as(stats.toString()).isEqualTo(2);
        assertThat(aggregate.getInt("visits")).as(stats.toString()).isEqualTo(2);
        assertThat(aggregate.getInt("events")).as(stats.toString()).isEqualTo(2);
        assertThat(stats.getJsonObject("breakdown").getJsonArray("data").stream()
                .map(v -> v.asJsonObject().getString("value") + "=" + v.asJsonObject().getInt("pageviews")).toList())
                .containsExactly("/=1", "/noscript.html=1", "/plausible.html=1", "/spa/second=1");
        JsonObject events = http.get("api/v1/sites/" + site + "/stats?period=today&breakdown=event").key(analyst).send().data();
        assertThat(events.getJsonObject("breakdown").getJsonArray("data").stream()
                .map(v -> v.asJsonObject().getString("value") + "=" + v.asJsonObject().getInt("events")).sorted().toList())
                .containsExactly("Download=1", "Signup=1");
        JsonObject chrome = http.get("api/v1/sites/" + site + "/stats?period=today&interval=hour&filters=device==desktop;page==/spa/second")
                .key(analyst).send().data();
        assertThat(chrome.getJsonObject("aggregate").getInt("pageviews")).isEqualTo(1);
        assertThat(chrome.getJsonArray("timeseries")).hasSize(24);

        // The pagehide beacon arrived as an engagement hit of the first visitor's visit.
        Eventually.until(Duration.ofSeconds(10), () -> count("SELECT count(*) FROM pixel_events WHERE site_id = " + site
                + " AND name = 'engagement' AND pathname = '/spa/second'"), n -> n == 1);

        // No table holds the client's address (or the user agent).
        assertThat(cellsContaining(List.of("127.0.0.1", "0:0:0:0:0:0:0:1", "::1", "Chrome/131.0.6778.85")))
                .as("columns holding the client's address or user agent").isEmpty();
    }

    @Test
    void stats_badParameters_are422() {
        long ws = newWorkspace("Pixel stats params");
        long site = createSite(ws, "{\"name\": \"Params\", \"domains\": [\"params.test\"]}");
        String analyst = key(ws, "analytics:read");
        for (String q : List.of("interval=week", "breakdown=country", "filters=colour==red", "period=3w", "from=2026-01-02",
                "from=2026-01-10&to=2026-01-01", "period=12mo&interval=hour", "sort=-name", "per_page=1000", "bogus=1",
                "from=2020-01-01&to=2020-01-31&filters=page==/")) {
            Http.Reply r = http.get("api/v1/sites/" + site + "/stats?" + q).key(analyst).send();
            assertThat(r.status()).as(q + " -> " + r).isEqualTo(422);
        }
        Http.Reply year = http.get("api/v1/sites/" + site + "/stats?period=12mo&interval=month").key(analyst).send();
        assertThat(year.status()).as(year.toString()).isEqualTo(200);
        assertThat(year.data().getJsonArray("timeseries").size()).isBetween(12, 13);
    }

    // --- helpers ---------------------------------------------------------------------------------

    private long createSite(long ws, String json) {
        Http.Reply r = http.post("api/v1/sites").key(root).workspace(ws).json(json).send();
        if (r.status() != 201) {
            throw new AssertionError("could not create site: " + r);
        }
        return r.data().getJsonNumber("id").longValue();
    }

    private String key(long ws, String... scopes) {
        String list = String.join("\", \"", scopes);
        Http.Reply r = http.post("api/v1/api-keys").key(root).workspace(ws)
                .json("{\"name\": \"pixel\", \"scopes\": [\"" + list + "\"]}").send();
        if (r.status() != 201) {
            throw new AssertionError("could not create key: " + r);
        }
        return r.data().getString("key");
    }

    private static String manyProperties(int n) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            parts.add("\"k" + i + "\": " + i);
        }
        return String.join(", ", parts);
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(ItEnvironment.jdbcUrl(), ItEnvironment.isPostgres() ? "postgres" : "sa", "");
    }

    private static long count(String sql) {
        try (Connection c = database(); var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Every text column of every table, searched for each needle. Other capabilities' tests share
     * this database and store URLs they were given (a webhook receiver on 127.0.0.1), so tables of
     * webhooks are left out; every other table, the pixel's first, must hold none of them.
     */
    private static List<String> cellsContaining(List<String> needles) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = database()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(null, null, "%", "%")) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    String table = rs.getString("TABLE_NAME");
                    int type = rs.getInt("DATA_TYPE");
                    if (schema == null || schema.equalsIgnoreCase("information_schema") || schema.equalsIgnoreCase("pg_catalog")
                            || table.startsWith("webhook_") || table.startsWith("flyway_")) {
                        continue;
                    }
                    if (type == Types.VARCHAR || type == Types.CHAR || type == Types.LONGVARCHAR || type == Types.CLOB
                            || type == Types.NVARCHAR || type == Types.OTHER || type == Types.BINARY || type == Types.VARBINARY) {
                        columns.add(new String[] {schema, table, rs.getString("COLUMN_NAME")});
                    }
                }
            }
            assertThat(columns.stream().map(col -> col[1]).distinct().toList()).contains("pixel_events", "pixel_sites", "pixel_salts");
            for (String[] col : columns) {
                for (String needle : needles) {
                    String sql = "SELECT count(*) FROM \"" + col[0] + "\".\"" + col[1] + "\" WHERE CAST(\"" + col[2]
                            + "\" AS VARCHAR) LIKE ?";
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.setString(1, "%" + needle + "%");
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            if (rs.getLong(1) > 0) {
                                found.add(col[1] + "." + col[2] + " holds " + needle);
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    private String baseUrl() {
        String url = base.toString();
        return url.endsWith("/") ? url : url + "/";
    }

    private static void requireBrowser() {
        List<String> missing = new ArrayList<>();
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules/@plausible-analytics/tracker"))) {
            missing.add("the npm test tools in " + NODE_DIR + " (built by the npm-ci step; needs node and npm)");
        }
        if (!Files.isExecutable(CHROMIUM)) {
            missing.add("chromium at " + CHROMIUM);
        }
        if (missing.isEmpty()) {
            return;
        }
        String reason = "Missing " + String.join(" and ", missing);
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(reason + "; under CI=true .ci/run must install it.");
        }
        Assumptions.abort(reason);
    }

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout: " + out + "\nstderr: " + err;
        }
    }

    private static Result node(String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        Path work = Files.createDirectories(Path.of("target", "pixel-it"));
        Path out = Files.createTempFile(work, "node-out", ".txt");
        Path err = Files.createTempFile(work, "node-err", ".txt");
        Process p = new ProcessBuilder(command).directory(NODE_DIR.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("node " + script + " did not finish in 180 s: " + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static JsonObject parse(String json) {
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            return r.readObject();
        }
    }
}
