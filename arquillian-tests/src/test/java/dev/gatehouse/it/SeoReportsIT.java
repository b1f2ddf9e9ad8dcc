package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SEO reports end to end. On H2 a real Lighthouse 12 (npm, with the system Chromium) audits a
 * local page with known faults three times — faulty, fixed, worse — and its JSON is posted as is;
 * on PostgreSQL the same three saved real results (seo-core's fixtures) are posted, as Lighthouse
 * does not depend on the database. The issues appear, resolve and reopen; the worse run fires
 * {@code seo.score_dropped} at a local webhook receiver.
 */
class SeoReportsIT extends GatehouseIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Path NODE_DIR = Path.of(System.getProperty("gatehouse.it.node", "target/node"));
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Path WORKDIR = Path.of(System.getProperty("gatehouse.it.workdir", "target"));

    private static final String IMG = "data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==";
    static final String FAULTY = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Gatehouse SEO test page</title>"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><link rel=\"icon\" href=\"data:,\"></head>"
            + "<body><h1>Known faults</h1><p>An image without alt text follows.</p>"
            + "<img class=\"hero-image\" src=\"" + IMG + "\" width=\"40\" height=\"40\"></body></html>";
    static final String FIXED = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Gatehouse SEO test page</title>"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<meta name=\"description\" content=\"A page for testing SEO reports.\"><link rel=\"icon\" href=\"data:,\"></head>"
            + "<body><h1>Known faults, fixed</h1><p>An image with alt text follows.</p>"
            + "<img class=\"hero-image\" alt=\"A hero\" src=\"" + IMG + "\" width=\"1\" height=\"1\"></body></html>";
    static final String WORSE = "<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\">"
            + "<link rel=\"icon\" href=\"data:,\"></head><body><p style=\"color:#bbb;background:#fff\">Low contrast text.</p>"
            + "<img class=\"hero-image\" src=\"" + IMG + "\" width=\"1\" height=\"1\">"
            + "<button class=\"icon\"></button><a href=\"/x\"></a></body></html>";

    Receiver receiver;
    long workspace;
    String key;

    @BeforeEach
    void setUp() {
        receiver = Receiver.start();
        workspace = newWorkspace("SEO " + System.nanoTime());
        key = keyWith(workspace, "seo:read", "seo:write");
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    @Test
    void lighthouse_faultyFixedWorse_issuesOpenResolveReopenAndScoreDropFires() throws Exception {
        String hook = "/seo-hooks";
        String secret = endpoint(hook);
        List<String> runs = lighthouseRuns();

        // 1. The faulty page: the image without alt and the missing lang are errors, on their elements.
        Http.Reply first = http.post("api/v1/seo/report").key(key).raw("application/json",
                runs.get(0).getBytes(StandardCharsets.UTF_8)).send();
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        JsonObject report1 = first.data();
        String page = report1.getString("url");
        assertThat(report1.getString("source")).isEqualTo("lighthouse");
        assertThat(report1.getJsonObject("scores").getInt("accessibility")).isLessThan(90);
        Map<String, JsonObject> issues = byType(listIssues("?url=" + enc(page) + "&per_page=100"));
        assertThat(issues.get("image-alt").getString("severity")).isEqualTo("error");
        assertThat(issues.get("image-alt").getString("element")).isEqualTo("body > img.hero-image");
        assertThat(issues.get("image-alt").getString("status")).isEqualTo("open");
        assertThat(issues.get("html-has-lang").getString("severity")).isEqualTo("error");
        assertThat(issues.get("html-has-lang").getString("element")).isEqualTo("html");
        assertThat(issues.get("meta-description").getString("severity")).isEqualTo("warning");
        assertThat(issues.get("meta-description").isNull("element")).isTrue();
        List<Receiver.Request> opened = receiver.await(hook, 2, DEADLINE);
        opened.forEach(r -> r.verify(secret));
        assertThat(opened).extracting(r -> parse(r.body()).getString("type")).containsOnly("seo.issue_opened");
        assertThat(opened).extracting(r -> parse(r.body()).getJsonObject("data").getString("issue_type"))
                .containsExactlyInAnyOrder("image-alt", "html-has-lang");

        // 2. The fixed page: those issues resolve; nothing else is opened.
        JsonObject report2 = post(runs.get(1));
        assertThat(report2.getString("url")).isEqualTo(page);
        assertThat(report2.getInt("fixed_issues")).isGreaterThanOrEqualTo(3);
        issues = byType(listIssues("?url=" + enc(page) + "&per_page=100"));
        for (String type : List.of("image-alt", "html-has-lang", "meta-description")) {
            assertThat(issues.get(type).getString("status")).as(type).isEqualTo("resolved");
            assertThat(issues.get(type).getString("resolved_at")).as(type).endsWith("Z");
        }
        assertThat(listIssues("?url=" + enc(page) + "&status=open,reopened&severity=error").size()).isZero();

        // 3. A worse page: the accessibility score falls by far more than 10 points, image-alt reopens.
        JsonObject report3 = post(runs.get(2));
        JsonObject dropped = Eventually.until(DEADLINE, () -> receiver.received(hook).stream().map(r -> parse(r.body()))
                .filter(b -> b.getString("type").equals("seo.score_dropped")).findFirst().orElse(null), b -> b != null);
        assertThat(dropped.getJsonObject("data").getJsonNumber("report_id").longValue())
                .isEqualTo(report3.getJsonNumber("id").longValue());
        JsonObject accessibility = dropped.getJsonObject("data").getJsonArray("drops").stream().map(JsonValue::asJsonObject)
                .filter(d -> d.getString("category").equals("accessibility")).findFirst().orElseThrow();
        assertThat(accessibility.getInt("previous_score")).isEqualTo(100);
        assertThat(accessibility.getInt("dropped_by")).isGreaterThanOrEqualTo(10);
        issues = byType(listIssues("?url=" + enc(page) + "&per_page=100"));
        assertThat(issues.get("image-alt").getString("status")).isEqualTo("reopened");
        assertThat(issues.get("image-alt").getInt("occurrences")).isEqualTo(2);
        assertThat(issues.get("button-name").getString("element")).isEqualTo("body > button.icon");
        assertThat(issues.get("button-name").getString("severity")).isEqualTo("error");

        // History: three reports of the page with their new and fixed counts, and the trend.
        Http.Reply reports = http.get("api/v1/seo/reports?url=" + enc(page) + "&sort=created_at").key(key).send();
        assertThat(reports.status()).as(reports.toString()).isEqualTo(200);
        assertThat(reports.list()).hasSize(3);
        assertThat(reports.list().getJsonObject(0).getInt("new_issues")).isEqualTo(report1.getInt("new_issues"));
        assertThat(reports.list().getJsonObject(1).getInt("fixed_issues")).isEqualTo(report2.getInt("fixed_issues"));
        Http.Reply trend = http.get("api/v1/seo/trend?url=" + enc(page) + "&category=accessibility").key(key).send();
        assertThat(trend.status()).as(trend.toString()).isEqualTo(200);
        assertThat(trend.data().getJsonArray("points")).hasSize(3);
        assertThat(trend.data().getJsonArray("points").getJsonObject(1).getJsonObject("scores").getInt("accessibility"))
                .isEqualTo(100);
        assertThat(trend.data().getJsonObject("change").getInt("accessibility")).isNegative();
        for (String bad : List.of("", "?url=notaurl", "?url=" + enc(page) + "&category=speed",
                "?url=" + enc(page) + "&limit=0", "?url=" + enc(page) + "&from=yesterday", "?url=" + enc(page) + "&colour=red")) {
            Http.Reply r = http.get("api/v1/seo/trend" + bad).key(key).send();
            assertThat(r.status()).as(bad + ": " + r).isEqualTo(422);
        }
    }

    @Test
    void submit_seedBody_listsIssuesInSeedShape() {
        Http.Reply created = http.post("api/v1/seo/report").key(key).json("""
                {"url": "https://example.com/page", "scores": {"performance": 85, "accessibility": 92,
                 "best_practices": 88, "seo": 95},
                 "issues": [{"type": "missing_alt", "severity": "warning", "element": "img.hero-image"}]}""").send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.data().getString("source")).isEqualTo("report");
        assertThat(created.data().getJsonObject("scores").getInt("best_practices")).isEqualTo(88);

        // The same issue written differently (URL case, fragment, selector spacing) is the same issue.
        Http.Reply again = http.post("api/v1/seo/report").key(key).json("""
                {"url": "HTTPS://EXAMPLE.com/page#top",
                 "issues": [{"type": "missing_alt", "severity": "warning", "element": " img.hero-image "}]}""").send();
        assertThat(again.status()).as(again.toString()).isEqualTo(201);

        Http.Reply list = http.get("api/v1/seo/issues/" + workspace).key(key).send();
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.list()).hasSize(1);
        JsonObject issue = list.list().getJsonObject(0);
        assertThat(issue.keySet()).contains("id", "url", "issue_type", "severity", "details", "created_at");
        assertThat(issue.getString("issue_type")).isEqualTo("missing_alt");
        assertThat(issue.getString("severity")).isEqualTo("warning");
        assertThat(issue.getInt("occurrences")).isEqualTo(2);
        assertThat(list.json().getJsonObject("meta").getInt("total")).isEqualTo(1);

        // Filters, paging and sort, and their bad values.
        assertThat(http.get("api/v1/seo/issues/" + workspace + "?severity=error").key(key).send().list()).isEmpty();
        assertThat(http.get("api/v1/seo/issues/" + workspace + "?url_prefix=https://example.com/pa&type=missing_alt"
                + "&status=open&created_after=2020-01-01&sort=-occurrences&per_page=1").key(key).send().list()).hasSize(1);
        for (String bad : List.of("severity=fatal", "status=done", "sort=colour", "url=ftp://x", "flavour=1", "per_page=500")) {
            Http.Reply r = http.get("api/v1/seo/issues/" + workspace + "?" + bad).key(key).send();
            assertThat(r.status()).as(bad + ": " + r).isEqualTo(422);
        }

        // Ignored stays ignored through later reports, and can be undone.
        long id = issue.getJsonNumber("id").longValue();
        Http.Reply ignored = http.patch("api/v1/seo/issues/" + workspace + "/" + id).key(key).json("{\"status\": \"ignored\"}").send();
        assertThat(ignored.status()).as(ignored.toString()).isEqualTo(200);
        assertThat(ignored.data().getString("status")).isEqualTo("ignored");
        http.post("api/v1/seo/report").key(key).json("{\"url\": \"https://example.com/page\", \"issues\": []}").send();
        JsonObject after = http.get("api/v1/seo/issues/" + workspace).key(key).send().list().getJsonObject(0);
        assertThat(after.getString("status")).isEqualTo("ignored");
        Http.Reply resolvedByHand = http.patch("api/v1/seo/issues/" + workspace + "/" + id).key(key)
                .json("{\"status\": \"resolved\"}").send();
        assertThat(resolvedByHand.status()).as(resolvedByHand.toString()).isEqualTo(422);
        Http.Reply reopened = http.patch("api/v1/seo/issues/" + workspace + "/" + id).key(key).json("{\"status\": \"open\"}").send();
        assertThat(reopened.data().getString("status")).isEqualTo("open");
    }

    @Test
    void settings_minimumScore_firesScoreDroppedOnFirstReportBelowIt() {
        String hook = "/seo-min";
        endpoint(hook);
        Http.Reply defaults = http.get("api/v1/seo/settings").key(key).send();
        assertThat(defaults.data().getInt("min_score")).isZero();
        assertThat(defaults.data().getInt("score_drop_points")).isEqualTo(10);
        Http.Reply saved = http.call("PUT", "api/v1/seo/settings").key(key).json("{\"min_score\": 90}").send();
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(saved.data().getInt("min_score")).isEqualTo(90);
        for (String bad : List.of("{\"min_score\": 101}", "{\"score_drop_points\": 0}", "{\"minimum\": 5}", "{\"min_score\": \"high\"}")) {
            Http.Reply r = http.call("PUT", "api/v1/seo/settings").key(key).json(bad).send();
            assertThat(r.status()).as(bad + ": " + r).isEqualTo(422);
        }

        http.post("api/v1/seo/report").key(key).json("{\"url\": \"https://example.com/slow\", \"scores\": {\"performance\": 40}}").send();

        JsonObject event = parse(receiver.await(hook, 1, DEADLINE).get(0).body());
        assertThat(event.getString("type")).isEqualTo("seo.score_dropped");
        JsonObject drop = event.getJsonObject("data").getJsonArray("drops").getJsonObject(0);
        assertThat(drop.getString("category")).isEqualTo("performance");
        assertThat(drop.getBoolean("below_minimum")).isTrue();
        assertThat(drop.isNull("previous_score")).isTrue();
    }

    @Test
    void submit_badInput_isAClear4xx() throws IOException {
        Map<String, Integer> bodies = Map.of(
                "{\"url\": ", 400,                                   // malformed JSON
                "[1, 2]", 400,                                       // not an object
                "{\"hello\": \"world\"}", 422,                       // no known shape
                "{\"url\": \"https://example.com/\", \"scores\": {\"seo\": 101}}", 422,
                "{\"url\": \"javascript:alert(1)\", \"scores\": {\"seo\": 1}}", 422,
                "{\"lighthouseVersion\": \"12.8.2\", \"audits\": [], \"categories\": 7}", 422,
                "{\"lighthouseResult\": \"nope\"}", 422,
                "{\"lhr\": \"{not json\", \"url\": \"https://example.com/\"}", 422,
                "{\"url\": \"https://example.com/\", \"issues\": [{\"type\": \"x\", \"severity\": \"warning\","
                        + " \"details\": {\"blob\": \"" + "x".repeat(9000) + "\"}}]}", 422);
        for (var entry : bodies.entrySet()) {
            Http.Reply r = http.post("api/v1/seo/report").key(key).json(entry.getKey()).send();
            assertThat(r.status()).as(entry.getKey().substring(0, Math.min(80, entry.getKey().length())) + ": " + r)
                    .isEqualTo(entry.getValue());
            assertThat(r.json().getString("error")).isIn("invalid_json", "validation_failed");
        }

        // A Lighthouse result with its screenshots is several MiB: 5 MiB is accepted here, and only here.
        String lhr = fixture("lhr-faulty-page.json");
        String big = lhr.substring(0, lhr.lastIndexOf('}')) + ", \"fullPageScreenshot\": {\"screenshot\": {\"data\": \"data:image/webp;base64,"
                + "A".repeat(5 * 1024 * 1024) + "\"}}}";
        // HTTP/1.1, as curl and Lighthouse CI's uploader send it: the JDK client's default h2c upgrade
        // of a request with a multi-MiB body is cut off by Payara's HTTP/2 upgrade path (see the report).
        assertThat(postHttp11("api/v1/seo/report", big.getBytes(StandardCharsets.UTF_8))).isEqualTo(201);
        assertThat(postHttp11("api/v1/webhooks", big.getBytes(StandardCharsets.UTF_8))).isEqualTo(413);
        byte[] huge = new byte[17 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        assertThat(postHttp11("api/v1/seo/report", huge)).isEqualTo(413);

        // A run in which Lighthouse could not load the page is refused, not recorded as a perfect page.
        String failed = lhr.substring(0, lhr.lastIndexOf('}'))
                + ", \"runtimeError\": {\"code\": \"ERRORED_DOCUMENT_REQUEST\", \"message\": \"status 500\"}}";
        Http.Reply refused = http.post("api/v1/seo/report").key(key).json(failed).send();
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().getJsonObject("errors").keySet()).containsExactly("runtimeError");
    }

    @Test
    void tenancyAndScopes_otherWorkspaceIs404_missingScopeIs403() {
        http.post("api/v1/seo/report").key(key).json("{\"url\": \"https://example.com/a\", \"issues\": "
                + "[{\"type\": \"t\", \"severity\": \"error\"}]}").send();
        long issueId = http.get("api/v1/seo/issues/" + workspace).key(key).send().list().getJsonObject(0)
                .getJsonNumber("id").longValue();
        long other = newWorkspace("SEO other " + System.nanoTime());
        String otherKey = keyWith(other, "seo:read", "seo:write");

        assertThat(http.get("api/v1/seo/issues/" + workspace).key(otherKey).send().status()).isEqualTo(404);
        assertThat(http.patch("api/v1/seo/issues/" + workspace + "/" + issueId).key(otherKey)
                .json("{\"status\": \"ignored\"}").send().status()).isEqualTo(404);
        assertThat(http.patch("api/v1/seo/issues/" + other + "/" + issueId).key(otherKey)
                .json("{\"status\": \"ignored\"}").send().status()).isEqualTo(404);
        assertThat(http.get("api/v1/seo/issues/" + other).key(otherKey).send().list()).isEmpty();
        assertThat(http.get("api/v1/seo/reports").key(otherKey).send().list()).isEmpty();
        assertThat(http.get("api/v1/seo/issues/99999999").key(root).send().status()).isEqualTo(404);
        assertThat(http.get("api/v1/seo/issues/" + workspace).key(root).send().list()).hasSize(1);

        String readOnly = keyWith(workspace, "seo:read");
        Http.Reply denied = http.post("api/v1/seo/report").key(readOnly).json("{\"url\": \"https://example.com/\", \"scores\": {}}").send();
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().getJsonArray("required_scopes").getString(0)).isEqualTo("seo:write");
        String writeOnly = keyWith(workspace, "seo:write");
        assertThat(http.get("api/v1/seo/issues/" + workspace).key(writeOnly).send().status()).isEqualTo(403);
        assertThat(http.get("api/v1/seo/reports").key(writeOnly).send().status()).isEqualTo(403);
        assertThat(http.patch("api/v1/seo/issues/" + workspace + "/" + issueId).key(readOnly)
                .json("{\"status\": \"ignored\"}").send().status()).isEqualTo(403);
        assertThat(http.get("api/v1/seo/reports").send().status()).isEqualTo(401);
    }

    // --- helpers ---

    /** Posts a large body over HTTP/1.1 and answers the status. */
    private int postHttp11(String path, byte[] body) {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        String url = base.toString().endsWith("/") ? base.toString() : base + "/";
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            java.net.http.HttpResponse<String> r = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 413) {
                assertThat(r.body()).contains("payload_too_large");
            }
            return r.statusCode();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String keyWith(long ws, String... scopes) {
        String list = java.util.Arrays.stream(scopes).map(s -> "\"" + s + "\"").collect(Collectors.joining(", "));
        Http.Reply r = http.post("api/v1/api-keys").key(root).workspace(ws)
                .json("{\"name\": \"seo\", \"scopes\": [" + list + "]}").send();
        if (r.status() != 201) {
            throw new AssertionError("could not create key: " + r);
        }
        return r.data().getString("key");
    }

    /** Registers a webhook endpoint for seo.* on the receiver; returns its signing secret. */
    private String endpoint(String path) {
        Http.Reply r = http.post("api/v1/webhooks").key(root).workspace(workspace)
                .json("{\"url\": \"" + receiver.url(path) + "\", \"events\": [\"seo.*\"]}").send();
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.data().getString("secret");
    }

    private JsonObject post(String json) {
        Http.Reply r = http.post("api/v1/seo/report").key(key).raw("application/json", json.getBytes(StandardCharsets.UTF_8)).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.data();
    }

    private List<JsonObject> listIssues(String query) {
        Http.Reply r = http.get("api/v1/seo/issues/" + workspace + query).key(key).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.list().stream().map(JsonValue::asJsonObject).toList();
    }

    private static Map<String, JsonObject> byType(List<JsonObject> issues) {
        return issues.stream().collect(Collectors.toMap(i -> i.getString("issue_type"), Function.identity()));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static JsonObject parse(String json) {
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            return r.readObject();
        }
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = SeoReportsIT.class.getResourceAsStream("/dev/gatehouse/seo/" + name)) {
            if (in == null) {
                throw new AssertionError("fixture " + name + " is missing from seo-core's test-jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The Lighthouse results of the faulty, fixed and worse page: real runs on H2, the saved real
     * runs on PostgreSQL (Lighthouse's output does not depend on Gatehouse's database).
     */
    private List<String> lighthouseRuns() throws Exception {
        if (!"h2".equals(System.getProperty("gatehouse.it.db", "h2"))) {
            return List.of(fixture("lhr-faulty-page.json"), fixture("lhr-fixed-page.json"), fixture("lhr-worse-page.json"));
        }
        Path lighthouse = NODE_DIR.resolve("node_modules/.bin/lighthouse");
        if (!Files.isExecutable(lighthouse) || !Files.isExecutable(CHROMIUM)) {
            String reason = "Lighthouse (" + lighthouse + ") or chromium (" + CHROMIUM + ") is missing";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(reason + "; under CI=true .ci/run must install it.");
            }
            Assumptions.abort(reason);
        }
        AtomicReference<String> html = new AtomicReference<>(FAULTY);
        HttpServer site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        site.createContext("/", exchange -> {
            try (exchange) {
                boolean page = exchange.getRequestURI().getPath().equals("/page.html");
                byte[] body = (page ? html.get() : "not found").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", page ? "text/html; charset=utf-8" : "text/plain");
                exchange.sendResponseHeaders(page ? 200 : 404, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        site.start();
        try {
            String url = "http://127.0.0.1:" + site.getAddress().getPort() + "/page.html";
            List<String> runs = new ArrayList<>();
            for (String state : List.of(FAULTY, FIXED, WORSE)) {
                html.set(state);
                runs.add(lighthouse(lighthouse, url));
            }
            return runs;
        } finally {
            site.stop(0);
        }
    }

    /** One real Lighthouse run (accessibility, best practices, SEO: the performance audits add ~5 s and noise). */
    private static String lighthouse(Path lighthouse, String url) throws Exception {
        Path report = Files.createTempFile(WORKDIR, "lhr-", ".json");
        Path log = Files.createTempFile(WORKDIR, "lighthouse-", ".log");
        ProcessBuilder pb = new ProcessBuilder(lighthouse.toString(), url, "--output=json", "--output-path=" + report,
                "--only-categories=accessibility,best-practices,seo", "--chrome-flags=--headless=new --no-sandbox", "--quiet")
                .directory(NODE_DIR.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("CHROME_PATH", CHROMIUM.toString());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("lighthouse did not finish in 120 s: " + Files.readString(log));
        }
        if (p.exitValue() != 0) {
            fail("lighthouse failed (exit " + p.exitValue() + "): " + Files.readString(log));
        }
        return Files.readString(report);
    }
}
