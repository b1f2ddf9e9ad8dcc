package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Issue 2 over HTTP: workspaces as seed 001 describes them, authentication failures, the error
 * shape for the runtime's own errors, request ids, list parameters, ping and health.
 */
class FoundationIT extends GatehouseIT {

    @Test
    void workspaces_createReadPatchDelete_followSeed001() {
        Http.Reply created = http.post("api/v1/workspaces").key(root)
                .json("{\"name\": \"New Workspace\", \"tier\": \"pro\"}").send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().getString("message")).isEqualTo("Workspace created successfully.");
        JsonObject data = created.data();
        long id = data.getJsonNumber("id").longValue();
        assertThat(data.getString("slug")).startsWith("new-workspace");
        assertThat(data.getString("tier")).isEqualTo("pro");
        assertThat(data.getString("created_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(created.header("Location")).endsWith("/api/v1/workspaces/" + id);

        Http.Reply got = http.get("api/v1/workspaces/" + id).key(root).send();
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.data().getString("name")).isEqualTo("New Workspace");
        assertThat(got.data().getJsonObject("settings").getString("timezone")).isEqualTo("UTC");

        Http.Reply patched = http.patch("api/v1/workspaces/" + id).key(root)
                .json("{\"name\": \"Updated Name\", \"settings\": {\"timezone\": \"Europe/London\"}}").send();
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.data().getString("name")).isEqualTo("Updated Name");
        assertThat(patched.data().getJsonObject("settings").getString("timezone")).isEqualTo("Europe/London");
        assertThat(patched.data().getJsonObject("settings").getString("locale")).isEqualTo("en-GB");

        Http.Reply locale = http.patch("api/v1/workspaces/" + id).key(root).json("{\"settings\": {\"locale\": \"en_GB\"}}").send();
        assertThat(locale.data().getJsonObject("settings").getString("timezone")).as("settings merge").isEqualTo("Europe/London");

        assertThat(http.delete("api/v1/workspaces/" + id).key(root).send().status()).isEqualTo(204);
        Http.Reply gone = http.get("api/v1/workspaces/" + id).key(root).send();
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.error()).isEqualTo("not_found");
    }

    @Test
    void create_generatedSlugClash_getsSuffix_explicitClashIs422() {
        String name = "Clash " + System.nanoTime();
        Http.Reply first = http.post("api/v1/workspaces").key(root).json("{\"name\": \"" + name + "\"}").send();
        Http.Reply second = http.post("api/v1/workspaces").key(root).json("{\"name\": \"" + name + "\"}").send();
        String slug = first.data().getString("slug");
        assertThat(second.data().getString("slug")).isEqualTo(slug + "-2");

        Http.Reply explicit = http.post("api/v1/workspaces").key(root).json("{\"name\": \"x\", \"slug\": \"" + slug + "\"}").send();
        assertThat(explicit.status()).isEqualTo(422);
        assertThat(explicit.json().getJsonObject("errors").containsKey("slug")).isTrue();
    }

    @Test
    void create_invalidFields_are422NamingEachField() {
        String longName = "n".repeat(256);
        Http.Reply r = http.post("api/v1/workspaces").key(root).json("{\"name\": \"" + longName + "\", \"tier\": \"gold\","
                + " \"settings\": {\"timezone\": \"Mars/Olympus\", \"locale\": \"not a locale!\"}, \"colour\": \"red\"}").send();
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.error()).isEqualTo("validation_failed");
        assertThat(r.json().getJsonObject("errors").keySet()).contains("colour");

        Http.Reply core = http.post("api/v1/workspaces").key(root).json("{\"name\": \"" + longName + "\", \"tier\": \"gold\","
                + " \"settings\": {\"timezone\": \"Mars/Olympus\", \"locale\": \"not a locale!\"}}").send();
        assertThat(core.status()).isEqualTo(422);
        assertThat(core.json().getJsonObject("errors").keySet())
                .contains("name", "tier", "settings.timezone", "settings.locale");

        Http.Reply missing = http.post("api/v1/workspaces").key(root).json("{}").send();
        assertThat(missing.json().getJsonObject("errors").keySet()).contains("name");

        Http.Reply wrongType = http.post("api/v1/workspaces").key(root).json("{\"name\": 42}").send();
        assertThat(wrongType.status()).isEqualTo(422);
        assertThat(wrongType.json().getJsonObject("errors").getJsonArray("name").getString(0)).contains("string");
    }

    @Test
    void authentication_failures_haveTheirCodes() {
        assertUnauthorized(http.get("api/v1/workspaces").send(), "missing_authorization");
        assertUnauthorized(http.get("api/v1/workspaces").header("Authorization", "Basic dXNlcjpwYXNz").send(),
                "invalid_authorization_format");
        assertUnauthorized(http.get("api/v1/workspaces").key("sk_live_notakey").send(), "invalid_authorization_format");
        String forged = root.substring(0, root.length() - 1) + (root.endsWith("A") ? "B" : "A");
        assertUnauthorized(http.get("api/v1/workspaces").key(forged).send(), "invalid_authorization_format");
        assertUnauthorized(http.get("api/v1/workspaces").key(TestKeys.unknownWorkspaceKey()).send(), "key_not_found");

        Http.Reply viaHeader = http.get("api/v1/workspaces").header("X-API-Key", root).send();
        assertThat(viaHeader.status()).isEqualTo(200);
    }

    @Test
    void runtimeErrors_useTheErrorShape() {
        Http.Reply unknown = http.get("api/v1/no-such-thing").key(root).send();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("not_found");

        Http.Reply method = http.call("PUT", "api/v1/workspaces").key(root).json("{}").send();
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.error()).isEqualTo("method_not_allowed");

        Http.Reply media = http.post("api/v1/workspaces").key(root).raw("text/plain", "name=x".getBytes()).send();
        assertThat(media.status()).isEqualTo(415);
        assertThat(media.error()).isEqualTo("unsupported_media_type");

        Http.Reply malformed = http.post("api/v1/workspaces").key(root).json("{\"name\": \"x\",,}").send();
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.error()).isEqualTo("invalid_json");
        assertThat(malformed.json().getString("message")).contains("line 1");

        Http.Reply notObject = http.post("api/v1/workspaces").key(root).json("[1, 2]").send();
        assertThat(notObject.status()).isEqualTo(400);

        byte[] big = new byte[1024 * 1024 + 10];
        Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';
        Http.Reply tooLarge = http.post("api/v1/workspaces").key(root).raw("application/json", big).send();
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.error()).isEqualTo("payload_too_large");
    }

    @Test
    void requestId_isEchoedWhenSane_andReplacedOtherwise() {
        Http.Reply echoed = http.get("api/v1/workspaces").key(root).header("X-Request-ID", "abc-123").send();
        assertThat(echoed.header("X-Request-ID")).isEqualTo("abc-123");
        Http.Reply replaced = http.get("api/v1/workspaces").key(root).header("X-Request-ID", "<script>").send();
        assertThat(replaced.header("X-Request-ID")).startsWith("req_");
        Http.Reply onError = http.get("api/v1/workspaces").send();
        assertThat(onError.header("X-Request-ID")).startsWith("req_");
    }

    @Test
    void list_paginatesSortsFiltersAndSelects() {
        String tag = "Paging" + System.nanoTime();
        for (int i = 0; i < 3; i++) {
            newWorkspace(tag + " " + i);
        }
        Http.Reply page = http.get("api/v1/workspaces?search=" + tag + "&per_page=2&sort=name").key(root).send();
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        JsonObject meta = page.json().getJsonObject("meta");
        assertThat(meta.getInt("total")).isEqualTo(3);
        assertThat(meta.getInt("per_page")).isEqualTo(2);
        assertThat(meta.getInt("last_page")).isEqualTo(2);
        assertThat(meta.getInt("from")).isEqualTo(1);
        assertThat(meta.getInt("to")).isEqualTo(2);
        assertThat(page.list()).hasSize(2);
        assertThat(page.list().getJsonObject(0).getString("name")).isEqualTo(tag + " 0");
        JsonObject links = page.json().getJsonObject("links");
        assertThat(links.isNull("prev")).isTrue();
        assertThat(links.getString("next")).contains("page=2");

        Http.Reply second = http.get("api/v1/workspaces?search=" + tag + "&limit=2&offset=2&sort=-name&fields=id,name").key(root).send();
        assertThat(second.list()).hasSize(1);
        assertThat(second.list().getJsonObject(0).keySet()).containsExactlyInAnyOrder("id", "name");
        assertThat(second.list().getJsonObject(0).getString("name")).isEqualTo(tag + " 0");

        Http.Reply future = http.get("api/v1/workspaces?created_after=2999-01-01").key(root).send();
        assertThat(future.json().getJsonObject("meta").getInt("total")).isZero();

        for (String bad : new String[] {"sort=colour", "per_page=101", "page=0", "color=red", "fields=id,secret", "created_after=yesterday"}) {
            Http.Reply r = http.get("api/v1/workspaces?" + bad).key(root).send();
            assertThat(r.status()).as(bad + " -> " + r).isEqualTo(422);
            assertThat(r.error()).isEqualTo("validation_failed");
        }
    }

    @Test
    void ping_answersWithoutAKey_inTheDataEnvelope() {
        Http.Reply r = http.get("api/v1/ping").send();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.data().getString("status")).isEqualTo("ok");
        assertThat(r.header("X-Request-ID")).isNotBlank();
        assertThat(r.header("X-RateLimit-Limit")).as("public endpoints take from the address bucket").isNotNull();
    }

    @Test
    void health_readyAndLive_areUp() {
        Http.Reply ready = http.get("health/ready").send();
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().getString("status")).isEqualTo("UP");
        assertThat(http.get("health/live").send().status()).isEqualTo(200);
    }

    private static void assertUnauthorized(Http.Reply reply, String code) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
        assertThat(reply.error()).isEqualTo("unauthorized");
        assertThat(reply.json().getString("code")).isEqualTo(code);
        assertThat(reply.json().getBoolean("recoverable")).isFalse();
    }
}
