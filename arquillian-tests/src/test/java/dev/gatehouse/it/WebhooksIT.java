package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 4 over HTTP: endpoints as seed 001 describes them, publishing, signed delivery to a real
 * local receiver verified with the Standard Webhooks library (rotation overlap included), retries
 * and recovery, 410 disabling, the delivery log, manual retry, test sends, the URL policy, and
 * Gatehouse's own events. The server runs with a retry schedule of 0s, 1s, 1s (see ItEnvironment).
 */
class WebhooksIT extends GatehouseIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    Receiver receiver;
    long workspace;

    @BeforeEach
    void startReceiver() {
        receiver = Receiver.start();
        workspace = newWorkspace("Webhooks " + System.nanoTime());
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void endpoints_createReadListPatchDelete_followSeed001_andShowTheSecretOnlyOnCreate() {
        Http.Reply created = as().post("api/v1/webhooks")
                .json("{\"url\": \"" + receiver.url("/crud") + "\", \"events\": [\"post.created\", \"post.updated\"]}").send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().getString("message")).isEqualTo("Webhook endpoint created successfully.");
        JsonObject data = created.data();
        long id = data.getJsonNumber("id").longValue();
        assertThat(data.getString("secret")).startsWith("whsec_");
        assertThat(data.getBoolean("is_active")).isTrue();
        assertThat(data.getJsonArray("events").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).containsExactly("post.created", "post.updated");
        assertThat(created.header("Location")).endsWith("/api/v1/webhooks/" + id);

        Http.Reply got = as().get("api/v1/webhooks/" + id).send();
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.data().keySet()).doesNotContain("secret")
                .contains("id", "url", "events", "is_active", "success_count", "failure_count", "consecutive_failures",
                        "last_delivery_at", "created_at");
        Http.Reply list = as().get("api/v1/webhooks").send();
        assertThat(list.list()).hasSize(1);
        assertThat(list.body()).doesNotContain("whsec_");
        assertThat(list.json().getJsonObject("meta").getInt("total")).isEqualTo(1);

        Http.Reply patched = as().patch("api/v1/webhooks/" + id)
                .json("{\"events\": [\"post.*\"], \"is_active\": false, \"description\": \"billing\"}").send();
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.data().getJsonArray("events").getString(0)).isEqualTo("post.*");
        assertThat(patched.data().getBoolean("is_active")).isFalse();
        assertThat(patched.data().getString("description")).isEqualTo("billing");
        assertThat(as().get("api/v1/webhooks?status=disabled").send().list()).hasSize(1);
        assertThat(as().get("api/v1/webhooks?status=active").send().list()).isEmpty();

        assertThat(as().delete("api/v1/webhooks/" + id).send().status()).isEqualTo(204);
        assertThat(as().get("api/v1/webhooks/" + id).send().status()).isEqualTo(404);
    }

    @Test
    void endpoints_badInput_is422NamingTheField() {
        Map<String, String> cases = Map.of(
                "{\"events\": [\"post.created\"]}", "url",
                "{\"url\": \"ftp://example.com/hook\", \"events\": [\"post.created\"]}", "url",
                "{\"url\": \"" + receiver.url("/x") + "\", \"events\": []}", "events",
                "{\"url\": \"" + receiver.url("/x") + "\", \"events\": [\"Post Created!\"]}", "events",
                "{\"url\": \"" + receiver.url("/x") + "\", \"events\": [\"a.b\"], \"secret\": \"hunter2\"}", "secret",
                "{\"url\": \"" + receiver.url("/x") + "\", \"events\": [\"a.b\"], \"colour\": \"red\"}", "colour",
                "{\"url\": 42, \"events\": [\"a.b\"]}", "url");
        cases.forEach((body, field) -> {
            Http.Reply r = as().post("api/v1/webhooks").json(body).send();
            assertThat(r.status()).as(body + " -> " + r).isEqualTo(422);
            assertThat(r.error()).isEqualTo("validation_failed");
            assertThat(r.json().getJsonObject("errors").keySet()).as(body).contains(field);
            assertThat(r.body()).doesNotContain("hunter2");
        });
    }

    /** allow-private-targets is on for this server (the receiver is on loopback); these stay refused. */
    @Test
    void endpoints_addressPolicy_refusesMetadataLinkLocalAndAmbiguousAddresses() {
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://metadata.google.internal/",
                "http://[fd00:ec2::254]/", "http://169.254.1.1/", "http://[fe80::1]/", "http://0x7f.0.0.1/",
                "http://2130706433/", "http://0177.0.0.1/", "http://user:pass@example.com/", "http://100.100.100.200/")) {
            Http.Reply r = as().post("api/v1/webhooks").json("{\"url\": \"" + url + "\", \"events\": [\"*\"]}").send();
            assertThat(r.status()).as(url + " -> " + r).isEqualTo(422);
            assertThat(r.json().getJsonObject("errors").getJsonArray("url").getString(0)).as(url).startsWith("must");
        }
    }

    @Test
    void publish_deliversSignedEvents_verifiedByStandardWebhooks_andARepeatedIdDeliversNothingNew() {
        String secret = endpoint("/signed", "[\"post.*\"]");
        String known = "evt_it_" + System.nanoTime();
        Http.Reply first = publish("post.created", "{\"id\": 1, \"title\": \"Hello ✓\"}", known);
        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(first.data().getString("id")).isEqualTo(known);
        assertThat(first.data().getInt("deliveries")).isEqualTo(1);
        String generated = publish("post.updated", "{\"id\": 1}", null).data().getString("id");
        assertThat(generated).startsWith("evt_");
        assertThat(publish("comment.created", "{\"id\": 2}", null).data().getInt("deliveries")).isZero();

        List<Receiver.Request> got = receiver.await("/signed", 2, DEADLINE);
        assertThat(got).extracting(Receiver.Request::webhookId).containsExactlyInAnyOrder(known, generated);
        for (Receiver.Request request : got) {
            request.verify(secret);
            assertThat(request.header("webhook-signature")).startsWith("v1,");
            assertThat(request.header("content-type")).startsWith("application/json");
            JsonObject body = parse(request.body());
            assertThat(body.getString("type")).startsWith("post.");
            assertThat(body.getString("timestamp")).endsWith("Z");
        }
        Receiver.Request created = got.stream().filter(r -> r.webhookId().equals(known)).findFirst().orElseThrow();
        assertThat(parse(created.body()).getJsonObject("data").getString("title")).isEqualTo("Hello ✓");

        Http.Reply again = publish("post.created", "{\"id\": 1, \"title\": \"Hello ✓\"}", known);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.data().getBoolean("duplicate")).isTrue();
        assertThat(again.data().getInt("deliveries")).isZero();
        receiver.await("/signed", 2, Duration.ZERO);
        assertThat(deliveries("/signed", "")).hasSize(2);
    }

    @Test
    void publish_concurrentWithRepeatedIds_eachIdIsStoredAndDeliveredOnce_andTheRestAreDuplicates() throws Exception {
        endpoint("/together", "[\"order.*\"]");
        String run = "evt_together_" + System.nanoTime() + "_";
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Http.Reply> replies = new ArrayList<>();
        try {
            // 16 publishes at once (group-committed together as they arrive): 4 ids, each sent 4 times.
            List<CompletableFuture<Http.Reply>> sent = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String id = run + (i % 4);
                sent.add(CompletableFuture.supplyAsync(() -> as().post("api/v1/events")
                        .json("{\"type\": \"order.created\", \"data\": {}, \"id\": \"" + id + "\"}").send(), pool));
            }
            for (CompletableFuture<Http.Reply> f : sent) {
                replies.add(f.get(2, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(202));
        Map<String, List<JsonObject>> byId = replies.stream().map(Http.Reply::data)
                .collect(Collectors.groupingBy(d -> d.getString("id")));
        assertThat(byId).hasSize(4).allSatisfy((id, answers) -> {
            assertThat(answers).filteredOn(d -> !d.getBoolean("duplicate")).singleElement()
                    .satisfies(d -> assertThat(d.getInt("deliveries")).isEqualTo(1));
            assertThat(answers).filteredOn(d -> d.getBoolean("duplicate")).hasSize(3)
                    .allSatisfy(d -> assertThat(d.getInt("deliveries")).isZero());
        });
        assertThat(receiver.await("/together", 4, DEADLINE)).extracting(Receiver.Request::webhookId)
                .containsExactlyInAnyOrderElementsOf(byId.keySet());
        assertThat(deliveries("/together", "")).hasSize(4);
    }

    @Test
    void publish_withIdempotencyKey_isReplayedAndPublishesNothingNew() {
        endpoint("/idempotent", "[\"order.*\"]");
        String key = "publish-" + System.nanoTime();
        // No event id: without the Idempotency-Key a repeat would be a new event.
        String body = "{\"type\": \"order.created\", \"data\": {\"n\": 1}}";

        Http.Reply first = as().post("api/v1/events").header("Idempotency-Key", key).json(body).send();
        Http.Reply again = as().post("api/v1/events").header("Idempotency-Key", key).json(body).send();

        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(again.status()).as(again.toString()).isEqualTo(202);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(receiver.await("/idempotent", 1, DEADLINE)).singleElement()
                .satisfies(r -> assertThat(r.webhookId()).isEqualTo(first.data().getString("id")));
        assertThat(deliveries("/idempotent", "")).hasSize(1);
    }

    @Test
    void publish_badInputOrMissingScope_isRefused() {
        Map<String, String> cases = Map.of(
                "{\"data\": {}}", "type",
                "{\"type\": \"post.created\"}", "data",
                "{\"type\": \"Post Created\", \"data\": {}}", "type",
                "{\"type\": \"post.created\", \"data\": [1]}", "data",
                "{\"type\": \"post.created\", \"data\": {}, \"id\": \"has spaces\"}", "id");
        cases.forEach((body, field) -> {
            Http.Reply r = as().post("api/v1/events").json(body).send();
            assertThat(r.status()).as(body + " -> " + r).isEqualTo(422);
            assertThat(r.json().getJsonObject("errors").keySet()).as(body).contains(field);
        });
        String readOnly = as().post("api/v1/api-keys").json("{\"name\": \"reader\", \"scopes\": [\"webhooks:read\"]}")
                .send().data().getString("key");
        Http.Reply denied = http.post("api/v1/events").key(readOnly).json("{\"type\": \"post.created\", \"data\": {}}").send();
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().getJsonArray("required_scopes").getString(0)).isEqualTo("events:write");
        assertThat(http.get("api/v1/webhooks").key(readOnly).send().status()).isEqualTo(200);
    }

    @Test
    void rotateSecret_duringTheOverlap_deliveriesVerifyWithTheOldAndTheNewSecret() {
        String old = endpoint("/rotating", "[\"*\"]");
        long id = endpointId("/rotating");
        Http.Reply rotated = as().post("api/v1/webhooks/" + id + "/rotate-secret").send();
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String fresh = rotated.data().getString("secret");
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);
        assertThat(rotated.data().getString("previous_secret_expires_at")).endsWith("Z");
        assertThat(as().get("api/v1/webhooks/" + id).send().body()).doesNotContain(fresh).doesNotContain("whsec_");

        publish("post.created", "{\"id\": 7}", null);

        Receiver.Request request = receiver.await("/rotating", 1, DEADLINE).get(0);
        assertThat(request.header("webhook-signature").split(" ")).hasSize(2);
        request.verify(fresh);
        request.verify(old);
    }

    @Test
    void failingReceiver_isRetriedUntilItRecovers_andTheDeliveryLogShowsEveryAttempt() {
        receiver.on("/flaky", (request, n) -> n <= 2 ? Receiver.Answer.status(500) : Receiver.Answer.ok());
        String secret = endpoint("/flaky", "[\"order.paid\"]");
        String eventId = publish("order.paid", "{\"order\": 42}", null).data().getString("id");

        List<Receiver.Request> got = receiver.await("/flaky", 3, DEADLINE);
        assertThat(got).extracting(Receiver.Request::webhookId).containsOnly(eventId);
        got.forEach(r -> r.verify(secret));
        JsonObject delivery = Eventually.until(DEADLINE, () -> deliveries("/flaky", "").getJsonObject(0),
                d -> d.getString("status").equals("success"));
        assertThat(delivery.getInt("attempt")).isEqualTo(3);
        assertThat(delivery.getInt("response_code")).isEqualTo(200);
        assertThat(delivery.getString("delivered_at")).endsWith("Z");

        long endpoint = endpointId("/flaky");
        JsonObject detail = as().get("api/v1/webhooks/" + endpoint + "/deliveries/" + delivery.getJsonNumber("id")).send().data();
        assertThat(detail.getJsonObject("payload").getJsonObject("data").getInt("order")).isEqualTo(42);
        JsonArray attempts = detail.getJsonArray("attempts");
        assertThat(attempts).hasSize(3);
        assertThat(attempts.getValuesAs(JsonObject.class)).extracting(a -> a.getInt("response_code")).containsExactly(500, 500, 200);
        assertThat(attempts.getJsonObject(0).getString("response_body")).contains("status 500");

        assertThat(deliveries("/flaky", "?status=success")).hasSize(1);
        assertThat(deliveries("/flaky", "?status=failed")).isEmpty();
        assertThat(as().get("api/v1/webhooks/" + endpoint + "/deliveries?status=lost").send().status()).isEqualTo(422);
        JsonObject counters = as().get("api/v1/webhooks/" + endpoint).send().data();
        assertThat(counters.getInt("success_count")).isEqualTo(1);
        assertThat(counters.getInt("failure_count")).isEqualTo(2);
        assertThat(counters.getInt("consecutive_failures")).isZero();
    }

    @Test
    void gone_disablesTheEndpoint_andTheWorkspaceHearsWebhookEndpointDisabled() {
        receiver.on("/gone", (request, n) -> Receiver.Answer.status(410));
        endpoint("/gone", "[\"post.*\"]");
        String watcherSecret = endpoint("/watcher", "[\"webhook.endpoint.disabled\"]");
        long gone = endpointId("/gone");

        publish("post.created", "{\"id\": 1}", null);

        Receiver.Request notice = receiver.await("/watcher", 1, DEADLINE).get(0);
        notice.verify(watcherSecret);
        JsonObject body = parse(notice.body());
        assertThat(body.getString("type")).isEqualTo("webhook.endpoint.disabled");
        assertThat(body.getJsonObject("data").getJsonNumber("id").longValue()).isEqualTo(gone);
        assertThat(body.getJsonObject("data").getString("reason")).contains("410");
        JsonObject endpoint = as().get("api/v1/webhooks/" + gone).send().data();
        assertThat(endpoint.getBoolean("is_active")).isFalse();
        assertThat(endpoint.getString("disabled_reason")).contains("410");
        assertThat(deliveries("/gone", "").getJsonObject(0).getString("status")).isEqualTo("failed");
        assertThat(receiver.received("/gone")).hasSize(1);
    }

    @Test
    void manualRetry_afterTheScheduleIsExhausted_deliversOnce_andASucceededDeliveryCannotBeRetried() {
        boolean[] down = {true};
        receiver.on("/manual", (request, n) -> down[0] ? Receiver.Answer.status(503) : Receiver.Answer.ok());
        endpoint("/manual", "[\"*\"]");
        long endpoint = endpointId("/manual");
        publish("post.created", "{\"id\": 3}", null);
        JsonObject failed = Eventually.until(DEADLINE, () -> deliveries("/manual", "").getJsonObject(0),
                d -> d.getString("status").equals("failed"));
        assertThat(failed.getInt("attempt")).isEqualTo(3);
        String delivery = "api/v1/webhooks/" + endpoint + "/deliveries/" + failed.getJsonNumber("id");

        down[0] = false;
        Http.Reply retried = as().post(delivery + "/retry").send();
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().getString("message")).isEqualTo("Delivery queued for retry.");
        assertThat(retried.data().getString("status")).isEqualTo("pending");
        assertThat(retried.data().getInt("attempt")).isEqualTo(4);
        Eventually.until(DEADLINE, () -> as().get(delivery).send().data(), d -> d.getString("status").equals("success"));
        assertThat(receiver.await("/manual", 4, DEADLINE)).hasSize(4);

        Http.Reply again = as().post(delivery + "/retry").send();
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.error()).isEqualTo("cannot_retry");
        assertThat(as().post("api/v1/webhooks/" + endpoint + "/deliveries/999999999/retry").send().status()).isEqualTo(404);
    }

    @Test
    void test_sendsSynchronously_withSeed001SuccessAndFailureShapes() {
        String secret = endpoint("/test-ok", "[\"post.created\"]");
        Http.Reply ok = as().post("api/v1/webhooks/" + endpointId("/test-ok") + "/test").send();
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().getBoolean("success")).isTrue();
        assertThat(ok.json().getInt("status_code")).isEqualTo(200);
        assertThat(ok.json().getString("response_body")).isEqualTo("{\"received\": true}");
        assertThat(ok.json().getJsonNumber("response_time_ms").longValue()).isNotNegative();
        Receiver.Request sent = receiver.await("/test-ok", 1, DEADLINE).get(0);
        sent.verify(secret);
        assertThat(parse(sent.body()).getString("type")).isEqualTo("webhook.test");

        receiver.on("/test-500", (request, n) -> Receiver.Answer.status(500));
        endpoint("/test-500", "[\"post.created\"]");
        Http.Reply failed = as().post("api/v1/webhooks/" + endpointId("/test-500") + "/test").send();
        assertThat(failed.json().getBoolean("success")).isFalse();
        assertThat(failed.json().getInt("status_code")).isEqualTo(500);
        assertThat(failed.json().getString("error")).contains("500");

        Http.Reply created = as().post("api/v1/webhooks").json("{\"url\": \"http://127.0.0.1:1/closed\", \"events\": [\"*\"]}").send();
        Http.Reply refused = as().post("api/v1/webhooks/" + created.data().getJsonNumber("id") + "/test").send();
        assertThat(refused.json().getBoolean("success")).isFalse();
        assertThat(refused.json().isNull("status_code")).isTrue();
        assertThat(refused.json().getString("error")).isEqualTo("Connection refused");
    }

    @Test
    void otherWorkspacesEndpointsAndDeliveries_areNotFound() {
        endpoint("/mine", "[\"*\"]");
        long mine = endpointId("/mine");
        publish("post.created", "{}", null);
        long delivery = Eventually.until(DEADLINE, () -> deliveries("/mine", ""), d -> d.size() == 1)
                .getJsonObject(0).getJsonNumber("id").longValue();
        long other = newWorkspace("Other " + System.nanoTime());
        String base = "api/v1/webhooks/" + mine;
        for (Http.Call call : List.of(http.get(base), http.patch(base).json("{\"is_active\": false}"), http.delete(base),
                http.post(base + "/test"), http.post(base + "/rotate-secret"), http.get(base + "/deliveries"),
                http.get(base + "/deliveries/" + delivery), http.post(base + "/deliveries/" + delivery + "/retry"))) {
            Http.Reply r = call.key(root).workspace(other).send();
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.error()).isEqualTo("not_found");
        }
        endpoint("/theirs", "[\"*\"]");
        long theirs = endpointId("/theirs");
        assertThat(as().get("api/v1/webhooks/" + theirs + "/deliveries/" + delivery).send().status()).isEqualTo(404);
        assertThat(as().get("api/v1/webhooks/" + mine).send().status()).isEqualTo(200);
    }

    @Test
    void gatehouseOwnEvents_apiKeyAndWorkspace_areDeliveredToSubscribers() {
        String secret = endpoint("/own", "[\"api_key.*\", \"workspace.*\"]");
        String issued = as().post("api/v1/api-keys").json("{\"name\": \"ci\", \"scopes\": [\"webhooks:read\"]}").send()
                .data().getString("key");
        http.patch("api/v1/workspaces/" + workspace).key(root).json("{\"name\": \"Renamed " + workspace + "\"}").send();

        List<Receiver.Request> got = receiver.await("/own", 2, DEADLINE);
        got.forEach(r -> r.verify(secret));
        Set<String> types = got.stream().map(r -> parse(r.body()).getString("type")).collect(Collectors.toSet());
        assertThat(types).containsExactlyInAnyOrder("api_key.created", "workspace.updated");
        String keyEvent = got.stream().map(Receiver.Request::body).filter(b -> b.contains("api_key.created")).findFirst().orElseThrow();
        assertThat(keyEvent).doesNotContain(issued).contains("\"name\":\"ci\"");
    }

    @Test
    void eventTypes_listGatehouseAndAppTypes() {
        Http.Reply r = as().get("api/v1/event-types").send();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        Map<String, JsonObject> byType = r.list().getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(t -> t.getString("type"), t -> t));
        assertThat(byType).containsKeys("api_key.created", "workspace.updated", "webhook.endpoint.disabled",
                "user.verification_requested", "post.created", "post.updated");
        assertThat(byType.get("post.created").getString("source")).isEqualTo("app");
        assertThat(byType.get("post.created").getString("description")).isEqualTo("Published");
        assertThat(byType.get("api_key.created").getString("source")).isEqualTo("gatehouse");
    }

    // ------------------------------------------------------------ helpers

    /** Calls as root in this test's workspace. */
    private Scoped as() {
        return new Scoped();
    }

    private final class Scoped {
        Http.Call get(String path) {
            return http.get(path).key(root).workspace(workspace);
        }

        Http.Call post(String path) {
            return http.post(path).key(root).workspace(workspace);
        }

        Http.Call patch(String path) {
            return http.patch(path).key(root).workspace(workspace);
        }

        Http.Call delete(String path) {
            return http.delete(path).key(root).workspace(workspace);
        }
    }

    private static JsonObject parse(String json) {
        try (jakarta.json.JsonReader reader = jakarta.json.Json.createReader(new java.io.StringReader(json))) {
            return reader.readObject();
        }
    }

    /** Creates an endpoint on a receiver path and returns its secret. */
    private String endpoint(String path, String eventsJson) {
        Http.Reply r = as().post("api/v1/webhooks").json("{\"url\": \"" + receiver.url(path) + "\", \"events\": " + eventsJson + "}").send();
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.data().getString("secret");
    }

    private long endpointId(String path) {
        return as().get("api/v1/webhooks?per_page=100").send().list().getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getString("url").equals(receiver.url(path)))
                .findFirst().orElseThrow().getJsonNumber("id").longValue();
    }

    private Http.Reply publish(String type, String dataJson, String id) {
        String idField = id == null ? "" : ", \"id\": \"" + id + "\"";
        Http.Reply r = as().post("api/v1/events").json("{\"type\": \"" + type + "\", \"data\": " + dataJson + idField + "}").send();
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        return r;
    }

    private JsonArray deliveries(String path, String query) {
        Http.Reply r = as().get("api/v1/webhooks/" + endpointId(path) + "/deliveries" + query).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.list();
    }
}
