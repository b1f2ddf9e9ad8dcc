package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The WAR as built, deployed unchanged on WildFly 39 ({@code standalone-microprofile.xml}, its own
 * Hibernate and RESTEasy) on PostgreSQL, driven over HTTP through the core flows: keys, webhooks to a
 * local receiver, entitlements, idempotency, the docs pages — and the start-up guarantees that
 * differ between servers (readiness, the root key of a failed deploy, Flyway's migrations).
 */
@ExtendWith(WildFlyGatehouse.class)
class WildFlyIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private static Receiver receiver;
    private static Http http;
    private static String root;
    private static URI base;

    @BeforeAll
    static void connect() {
        WildFlyGatehouse wildFly = WildFlyGatehouse.get();
        http = wildFly.http();
        base = wildFly.server().base();
        root = wildFly.rootKey();
        receiver = Receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        if (receiver != null) {
            receiver.close();
        }
    }

    // --- start-up ---

    @Test
    void failedDeploy_printsNoRootKey_andStoresNone() {
        WildFlyGatehouse.FailedDeploy failed = WildFlyGatehouse.get().failedDeploy();
        assertThat(failed.failure()).contains("GATEHOUSE_SECRETS_KEY");
        assertThat(failed.printedRootKeys()).isEmpty();
        assertThat(failed.storedRootKeys()).isZero();
    }

    @Test
    void successfulDeploy_printsOneRootKey_thatIsTheOneStored() {
        assertThat(WildFlyGatehouse.get().server().printedRootKeys()).hasSize(1);
        assertThat(WildFlyGatehouse.get().storedRootKeys()).isEqualTo(1);
        Http.Reply me = http.get("api/v1/me").key(root).send();
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.data().getJsonObject("key").getString("type")).isEqualTo("root");
    }

    @Test
    void readiness_isUp_withTheDatabaseCheck() {
        JsonObject ready = parse(WildFlyGatehouse.get().readiness());
        assertThat(ready.getString("status")).isEqualTo("UP");
        assertThat(ready.getJsonArray("checks").getValuesAs(JsonObject.class))
                .anySatisfy(check -> {
                    assertThat(check.getString("name")).isEqualTo("database");
                    assertThat(check.getString("status")).isEqualTo("UP");
                });
    }

    @Test
    void migrations_areAllAppliedOnPostgreSql() {
        assertThat(WildFlyGatehouse.get().server().output())
                .containsPattern("Successfully applied \\d+ migrations to schema \"public\", now at version v\\d+");
    }

    // --- keys ---

    @Test
    void keys_createVerifyRevoke() {
        long workspace = workspace("keys");
        Http.Reply created = http.post("api/v1/api-keys").key(root).workspace(workspace)
                .json("{\"name\": \"wildfly\", \"scopes\": [\"read\", \"api-keys:write\"]}").send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String key = created.data().getString("key");
        long id = created.data().getJsonNumber("id").longValue();

        Http.Reply me = http.get("api/v1/me").key(key).send();
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.data().getJsonArray("scopes").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).containsExactlyInAnyOrder("read", "api-keys:write");
        assertThat(me.header("X-RateLimit-Limit")).isNotNull();
        assertThat(me.header("X-Request-ID")).startsWith("req_");

        Http.Reply revoked = http.delete("api/v1/api-keys/" + id).key(root).workspace(workspace).send();
        assertThat(revoked.status()).as(revoked.toString()).isBetween(200, 204);
        Http.Reply refused = http.get("api/v1/me").key(key).send();
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().getString("code")).as(refused.toString()).isEqualTo("key_revoked");
    }

    @Test
    void keys_withoutAKey_areRefusedInTheErrorShape() {
        Http.Reply r = http.get("api/v1/me").send();
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.error()).isEqualTo("unauthorized");
        assertThat(r.header("X-Request-ID")).startsWith("req_");
    }

    // --- webhooks ---

    @Test
    void webhooks_publishedEventIsDeliveredSigned_toALocalReceiver() {
        long workspace = workspace("hooks");
        Http.Reply endpoint = http.post("api/v1/webhooks").key(root).workspace(workspace)
                .json("{\"url\": \"" + receiver.url("/wildfly") + "\", \"events\": [\"post.*\"]}").send();
        assertThat(endpoint.status()).as(endpoint.toString()).isEqualTo(201);
        String secret = endpoint.data().getString("secret");

        String id = "evt_wildfly_" + UUID.randomUUID();
        Http.Reply published = http.post("api/v1/events").key(root).workspace(workspace)
                .json("{\"type\": \"post.created\", \"id\": \"" + id + "\", \"data\": {\"title\": \"Hello ✓\"}}").send();
        assertThat(published.status()).as(published.toString()).isEqualTo(202);
        assertThat(published.data().getInt("deliveries")).isEqualTo(1);

        List<Receiver.Request> got = receiver.await("/wildfly", 1, DEADLINE);
        Receiver.Request delivery = got.get(0);
        delivery.verify(secret);
        assertThat(delivery.webhookId()).isEqualTo(id);
        assertThat(parse(delivery.body()).getJsonObject("data").getString("title")).isEqualTo("Hello ✓");
    }

    // --- entitlements ---

    @Test
    void entitlements_checkRecordAndRefusePastTheLimit() {
        long workspace = workspace("plans");
        String key = http.post("api/v1/api-keys").key(root).workspace(workspace)
                .json("{\"name\": \"metering\", \"scopes\": [\"entitlements:read\", \"entitlements:write\"]}").send()
                .data().getString("key");

        Http.Reply check = http.get("api/v1/entitlements/check?feature=posts&quantity=5").key(key).send();
        assertThat(check.status()).as(check.toString()).isEqualTo(200);
        assertThat(check.json().getBoolean("allowed")).isTrue();
        int limit = check.json().getInt("limit");

        Http.Reply recorded = http.post("api/v1/entitlements/usage").key(key)
                .json("{\"feature\": \"posts\", \"quantity\": " + (limit - 1) + ", \"event_id\": \"evt_wf_1\"}").send();
        assertThat(recorded.status()).as(recorded.toString()).isIn(200, 201);
        assertThat(recorded.json().getInt("current_usage")).isEqualTo(limit - 1);

        Http.Reply refused = http.post("api/v1/entitlements/usage").key(key).json("{\"feature\": \"posts\", \"quantity\": 2}").send();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.error()).isEqualTo("feature_limit_reached");
        assertThat(http.get("api/v1/entitlements/summary").key(key).send().data().getJsonObject("entitlements")
                .getJsonObject("posts").getInt("used")).isEqualTo(limit - 1);
    }

    // --- the MCP gateway ---

    /**
     * The gateway's upstream client (Apache HttpClient 5, which refers to {@code jdk.net}, a module
     * WildFly shows a deployment only when asked) on WildFly: Gatehouse's own {@code /mcp} registered as
     * an upstream of a workspace, with a key of its own in the encrypted headers, listed at
     * registration and called over REST.
     */
    @Test
    void mcpGateway_registersAndCallsAnUpstream() {
        long workspace = workspace("gateway");
        Http.Reply upstream = http.post("api/v1/api-keys").key(root).workspace(workspace)
                .json("{\"name\": \"the upstream's own key\", \"scopes\": [\"read\"]}").send();
        assertThat(upstream.status()).as(upstream.toString()).isEqualTo(201);
        String agent = http.post("api/v1/api-keys").key(root).workspace(workspace)
                .json("{\"name\": \"agent\", \"scopes\": [\"mcp:read\", \"mcp:write\"]}").send().data().getString("key");

        Http.Reply registered = http.post("api/v1/mcp/servers").key(root).workspace(workspace)
                .json("{\"id\": \"self\", \"name\": \"Gatehouse itself\", \"url\": \"" + base.resolve("mcp")
                        + "\", \"headers\": {\"Authorization\": \"Bearer " + upstream.data().getString("key")
                        + "\"}, \"allowed_tools\": [\"get_me\"]}").send();
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.data().getString("status")).as(registered.toString()).isEqualTo("ok");
        assertThat(registered.data().getJsonArray("tools").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).containsExactly("get_me");

        Http.Reply called = http.post("api/v1/mcp/tools/call").key(agent)
                .json("{\"server\": \"self\", \"tool\": \"get_me\", \"arguments\": {}}").send();
        assertThat(called.status()).as(called.toString()).isEqualTo(200);
        JsonObject result = called.json().getJsonObject("result");
        assertThat(result.getBoolean("isError", false)).as(result.toString()).isFalse();
        assertThat(result.toString()).as("the upstream answered as its own key").contains("the upstream's own key");
    }

    // --- idempotency ---

    @Test
    void idempotency_sameKeyTwice_replaysTheFirstAnswer_andCreatesOneKey() {
        long workspace = workspace("idem");
        String idempotencyKey = UUID.randomUUID().toString();
        String body = "{\"name\": \"once\", \"scopes\": [\"read\"]}";
        Http.Reply first = http.post("api/v1/api-keys").key(root).workspace(workspace)
                .header("Idempotency-Key", idempotencyKey).json(body).send();
        Http.Reply second = http.post("api/v1/api-keys").key(root).workspace(workspace)
                .header("Idempotency-Key", idempotencyKey).json(body).send();

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.data().getString("key")).isEqualTo(first.data().getString("key"));
        Http.Reply reused = http.post("api/v1/api-keys").key(root).workspace(workspace)
                .header("Idempotency-Key", idempotencyKey).json("{\"name\": \"other\"}").send();
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.error()).isEqualTo("idempotency_key_reused");
        Http.Reply list = http.get("api/v1/api-keys").key(root).workspace(workspace).send();
        assertThat(list.list().getValuesAs(JsonObject.class)).extracting(k -> k.getString("name")).containsOnlyOnce("once");
    }

    // --- docs pages and static content ---

    @Test
    void docsPages_andTheOpenApiDocument_areServed() {
        Http.Reply docs = http.get("docs/").send();
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).contains("swagger-ui");
        assertThat(http.get("redoc/").send().body()).containsIgnoringCase("redoc");
        Http.Reply bundle = http.get("webjars/swagger-ui/" + swaggerUiVersion(docs.body()) + "/swagger-ui-bundle.js").send();
        assertThat(bundle.status()).isEqualTo(200);
        Http.Reply openapi = http.get("api/v1/openapi.json").send();
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.json().getString("openapi")).startsWith("3.1");
    }

    @Test
    void consoleAndPortal_areGatehousesPages_notWildFlysRedirect() {
        Http.Reply console = http.get("console/").send();
        assertThat(console.status()).as(console.header("Location")).isEqualTo(200);
        assertThat(console.body()).contains("<html");
        assertThat(http.get("portal/").send().status()).isEqualTo(200);
    }

    @Test
    void unknownPath_isA404InTheErrorShape() {
        Http.Reply r = http.get("no/such/page").send();
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error()).isEqualTo("not_found");
    }

    private static long workspace(String name) {
        Http.Reply r = http.post("api/v1/workspaces").key(root)
                .json("{\"name\": \"WildFly " + name + " " + UUID.randomUUID().toString().substring(0, 8) + "\"}").send();
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.data().getJsonNumber("id").longValue();
    }

    private static String swaggerUiVersion(String docsPage) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("webjars/swagger-ui/([^/]+)/").matcher(docsPage);
        assertThat(m.find()).as("the docs page names the webjar").isTrue();
        return m.group(1);
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
