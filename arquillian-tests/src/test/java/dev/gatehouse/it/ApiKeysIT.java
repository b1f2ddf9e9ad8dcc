package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 3 over HTTP: keys (create, use, list, rotate with grace, revoke, patch), scopes and
 * escalation, tenancy between workspaces, identity and verification endpoints, end users
 * (seed 003), the audit log, and that no raw key is stored anywhere.
 */
class ApiKeysIT extends GatehouseIT {

    private final List<String> issuedSecrets = new ArrayList<>();

    @Test
    void keys_lifecycle_createUseRotateRevoke() {
        long ws = newWorkspace("Keys " + System.nanoTime());
        Http.Reply created = http.post("api/v1/api-keys").key(root).workspace(ws)
                .json("{\"name\": \"Mobile App Key\", \"scopes\": [\"posts:read\", \"users:read\", \"api-keys:read\"], \"rate_limit_tier\": \"pro\"}").send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().getString("message")).isEqualTo("API key created successfully.");
        JsonObject data = created.data();
        String secret = data.getString("key");
        issuedSecrets.add(secret);
        long id = data.getJsonNumber("id").longValue();
        assertThat(secret).startsWith("sk_live_");
        assertThat(data.getString("prefix")).hasSizeLessThanOrEqualTo(12).isEqualTo(secret.substring(0, 12));

        Http.Reply me = http.get("api/v1/me").key(secret).send();
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.data().getJsonObject("workspace").getJsonNumber("id").longValue()).isEqualTo(ws);

        Http.Reply list = http.get("api/v1/api-keys?status=active").key(secret).send();
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(secret).doesNotContain("\"key\"");
        assertThat(list.list()).extracting(v -> v.asJsonObject().getJsonNumber("id").longValue()).contains(id);

        Http.Reply rotated = http.post("api/v1/api-keys/" + id + "/rotate").key(root).workspace(ws).json("{\"grace_period_hours\": 24}").send();
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String replacement = rotated.data().getString("key");
        issuedSecrets.add(replacement);
        assertThat(rotated.data().getJsonNumber("id").longValue()).isNotEqualTo(id);
        assertThat(rotated.data().getString("name")).isEqualTo("Mobile App Key");
        assertThat(rotated.data().getString("grace_period_ends_at")).isNotBlank();
        assertThat(http.get("api/v1/me").key(secret).send().status()).as("old key works during grace").isEqualTo(200);
        assertThat(http.get("api/v1/me").key(replacement).send().status()).isEqualTo(200);

        long newId = rotated.data().getJsonNumber("id").longValue();
        Http.Reply now = http.post("api/v1/api-keys/" + newId + "/rotate").key(root).workspace(ws).json("{\"grace_period_hours\": 0}").send();
        issuedSecrets.add(now.data().getString("key"));
        assertThat(code(http.get("api/v1/me").key(replacement).send())).isEqualTo("key_expired");

        long latest = now.data().getJsonNumber("id").longValue();
        assertThat(http.delete("api/v1/api-keys/" + latest).key(root).workspace(ws).send().status()).isEqualTo(204);
        assertThat(code(http.get("api/v1/me").key(now.data().getString("key")).send())).isEqualTo("key_revoked");
        assertThat(http.delete("api/v1/api-keys/" + latest).key(root).workspace(ws).send().status())
                .as("revoking twice is a 404").isEqualTo(404);

        Http.Reply audit = http.get("api/v1/audit-events?type=api_key.revoked&key_id=" + latest).key(root).workspace(ws).send();
        assertThat(audit.status()).as(audit.toString()).isEqualTo(200);
        assertThat(audit.list()).hasSize(1);
        assertThat(audit.list().getJsonObject(0).getString("request_id")).isNotBlank();
        assertThat(audit.body()).doesNotContain(secret);
    }

    /** Issue 11, defect 2: every {@code status} filter value answers 200 with exactly its keys. */
    @Test
    void list_byEachStatus_answersExactlyThoseKeys() {
        long ws = newWorkspace("Statuses " + System.nanoTime());
        long revoked = newKeyId(ws, "to revoke");
        long expired = newKeyId(ws, "to expire");
        assertThat(http.delete("api/v1/api-keys/" + revoked).key(root).workspace(ws).send().status()).isEqualTo(204);
        Http.Reply rotated = http.post("api/v1/api-keys/" + expired + "/rotate").key(root).workspace(ws)
                .json("{\"grace_period_hours\": 0}").send(); // ends the old key now: expired, not revoked
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        long active = rotated.data().getJsonNumber("id").longValue();

        for (var expected : List.of(List.of("active", active), List.of("revoked", revoked), List.of("expired", expired))) {
            Http.Reply list = http.get("api/v1/api-keys?status=" + expected.get(0)).key(root).workspace(ws).send();
            assertThat(list.status()).as(list.toString()).isEqualTo(200);
            assertThat(list.list()).as("status=" + expected.get(0))
                    .extracting(v -> v.asJsonObject().getJsonNumber("id").longValue()).containsExactly((Long) expected.get(1));
        }
        Http.Reply unknown = http.get("api/v1/api-keys?status=dormant").key(root).workspace(ws).send();
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(422);
        assertThat(unknown.json().getJsonObject("errors").keySet()).containsExactly("status");
    }

    /** The grace period's range is checked once, in the core: out of range is a 422 on the field, the key unchanged. */
    @Test
    void rotate_graceOutOfRange_is422OnTheField() {
        long ws = newWorkspace("Grace " + System.nanoTime());
        long id = newKeyId(ws, "rotating");

        for (String hours : List.of("721", "-1", "100000000000000000")) {
            Http.Reply r = http.post("api/v1/api-keys/" + id + "/rotate").key(root).workspace(ws)
                    .json("{\"grace_period_hours\": " + hours + "}").send();
            assertThat(r.status()).as(hours + ": " + r).isEqualTo(422);
            assertThat(r.json().getJsonObject("errors").keySet()).containsExactly("grace_period_hours");
        }
        Http.Reply key = http.get("api/v1/api-keys/" + id).key(root).workspace(ws).send();
        assertThat(key.data().getString("status")).isEqualTo("active");
    }

    private long newKeyId(long ws, String name) {
        Http.Reply created = http.post("api/v1/api-keys").key(root).workspace(ws)
                .json("{\"name\": \"" + name + "\", \"scopes\": [\"posts:read\"]}").send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        issuedSecrets.add(created.data().getString("key"));
        return created.data().getJsonNumber("id").longValue();
    }

    @Test
    void scopes_missingScope_is403NamingIt_andEscalationIsRefused() {
        long ws = newWorkspace("Scopes " + System.nanoTime());
        String reader = createKey(ws, "[\"workspaces:read\"]");
        Http.Reply denied = http.post("api/v1/api-keys").key(reader).json("{\"name\": \"x\"}").send();
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.error()).isEqualTo("access_denied");
        assertThat(denied.json().getString("code")).isEqualTo("insufficient_scope");
        assertThat(denied.json().getString("message")).contains("api-keys:write");
        assertThat(denied.json().getJsonArray("required_scopes").getValuesAs(JsonString::getString)).contains("api-keys:write");
        assertThat(denied.json().getJsonArray("held_scopes").getValuesAs(JsonString::getString)).containsExactly("workspaces:read");

        String writer = createKey(ws, "[\"api-keys:write\", \"api-keys:read\", \"posts:read\"]");
        Http.Reply escalate = http.post("api/v1/api-keys").key(writer).json("{\"name\": \"x\", \"scopes\": [\"posts:write\"]}").send();
        assertThat(escalate.status()).as(escalate.toString()).isEqualTo(403);
        Http.Reply narrower = http.post("api/v1/api-keys").key(writer).json("{\"name\": \"x\", \"scopes\": [\"posts:read\"]}").send();
        assertThat(narrower.status()).isEqualTo(201);
        issuedSecrets.add(narrower.data().getString("key"));

        Http.Reply unknown = http.post("api/v1/api-keys").key(root).workspace(ws).json("{\"name\": \"x\", \"scopes\": [\"posts:fly\"]}").send();
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().getJsonObject("errors").containsKey("scopes")).isTrue();

        long id = narrower.data().getJsonNumber("id").longValue();
        Http.Reply widen = http.patch("api/v1/api-keys/" + id).key(root).workspace(ws).json("{\"scopes\": [\"posts:read\", \"posts:write\"]}").send();
        assertThat(widen.status()).as(widen.toString()).isEqualTo(422);
        Http.Reply rename = http.patch("api/v1/api-keys/" + id).key(root).workspace(ws).json("{\"name\": \"Renamed\", \"expires_at\": \"2999-01-01T00:00:00Z\"}").send();
        assertThat(rename.status()).as(rename.toString()).isEqualTo(200);
        assertThat(rename.data().getString("name")).isEqualTo("Renamed");
        assertThat(rename.data().getString("expires_at")).isEqualTo("2999-01-01T00:00:00Z");
    }

    @Test
    void tenancy_otherWorkspaces_areNotFound_andDeletingAWorkspaceEndsItsKeys() {
        long a = newWorkspace("Tenant A " + System.nanoTime());
        long b = newWorkspace("Tenant B " + System.nanoTime());
        String keyA = createKey(a, "[\"read\", \"write\", \"api-keys:delete\", \"workspaces:delete\"]");
        String keyB = createKey(b, "[\"read\"]");
        long keyBId = http.get("api/v1/me").key(keyB).send().data().getJsonObject("key").getJsonNumber("id").longValue();

        Http.Reply mine = http.get("api/v1/workspaces").key(keyA).send();
        assertThat(mine.list()).hasSize(1);
        assertThat(mine.list().getJsonObject(0).getJsonNumber("id").longValue()).isEqualTo(a);
        assertThat(http.get("api/v1/workspaces/" + b).key(keyA).send().status()).isEqualTo(404);
        assertThat(http.get("api/v1/api-keys/" + keyBId).key(keyA).send().status()).isEqualTo(404);
        assertThat(http.post("api/v1/api-keys/" + keyBId + "/rotate").key(keyA).json("{}").send().status()).isEqualTo(404);
        assertThat(http.delete("api/v1/api-keys/" + keyBId).key(keyA).send().status()).isEqualTo(404);
        assertThat(http.get("api/v1/api-keys").key(keyA).workspace(b).send().status()).isEqualTo(404);
        assertThat(http.patch("api/v1/workspaces/" + a).key(keyA).json("{\"tier\": \"enterprise\"}").send().status())
                .as("a workspace key cannot change its own tier").isEqualTo(403);

        Http.Reply noHeader = http.get("api/v1/api-keys").key(root).send();
        assertThat(noHeader.status()).isEqualTo(422);
        assertThat(noHeader.json().getJsonObject("errors").containsKey("X-Workspace-ID")).isTrue();

        assertThat(http.delete("api/v1/workspaces/" + b).key(root).send().status()).isEqualTo(204);
        assertThat(code(http.get("api/v1/me").key(keyB).send())).isEqualTo("key_not_found");
    }

    @Test
    void verifyEndpoints_reportVerdicts() {
        long ws = newWorkspace("Verify " + System.nanoTime());
        String service = createKey(ws, "[\"api-keys:verify\"]");
        String callerKey = createKey(ws, "[\"posts:read\"]");
        JsonObject ok = http.post("api/v1/keys/verify").key(service).json("{\"key\": \"" + callerKey + "\"}").send().json();
        assertThat(ok.getBoolean("valid")).isTrue();
        assertThat(ok.getString("code")).isEqualTo("VALID");
        assertThat(ok.getJsonNumber("workspace_id").longValue()).isEqualTo(ws);
        assertThat(ok.getJsonArray("scopes").getValuesAs(JsonString::getString)).containsExactly("posts:read");

        Http.Reply malformed = http.post("api/v1/keys/verify").key(service).json("{\"key\": \"nope\"}").send();
        assertThat(malformed.status()).isEqualTo(200);
        assertThat(malformed.json().getString("code")).isEqualTo("MALFORMED");
        assertThat(malformed.json().getBoolean("valid")).isFalse();

        long other = newWorkspace("Verify other " + System.nanoTime());
        String foreign = createKey(other, "[\"read\"]");
        assertThat(http.post("api/v1/keys/verify").key(service).json("{\"key\": \"" + foreign + "\"}").send().json().getString("code"))
                .isEqualTo("NOT_FOUND");

        long callerId = http.get("api/v1/me").key(callerKey).send().data().getJsonObject("key").getJsonNumber("id").longValue();
        http.delete("api/v1/api-keys/" + callerId).key(root).workspace(ws).send();
        assertThat(http.post("api/v1/keys/verify").key(service).json("{\"key\": \"" + callerKey + "\"}").send().json().getString("code"))
                .isEqualTo("REVOKED");

        assertThat(http.post("api/v1/keys/verify").key(foreign).json("{\"key\": \"" + callerKey + "\"}").send().status())
                .as("verifying needs api-keys:verify").isEqualTo(403);

        Http.Reply limited = http.post("api/v1/api-keys").key(root).workspace(ws)
                .json("{\"name\": \"free tier\", \"scopes\": [\"read\"], \"rate_limit_tier\": \"free\"}").send();
        String busy = limited.data().getString("key");
        issuedSecrets.add(busy);
        int sent = 0;
        while (sent < 200 && http.get("api/v1/me").key(busy).send().status() != 429) {
            sent++;
        }
        // 60 at once, then one more each second (greedy refill), so a slow machine gets a few more through.
        assertThat(sent).as("the free tier allows 60 a minute").isBetween(60, 75);
        // The refill is continuous: a token can come back between the 429 and the verification, and
        // then the key is rightly VALID. So: empty the bucket again and verify at once, a few times.
        JsonObject overBudget = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            for (int more = 0; more < 10 && http.get("api/v1/me").key(busy).send().status() != 429; more++) {
                // a token that came back since the last 429
            }
            overBudget = http.post("api/v1/keys/verify").key(service).json("{\"key\": \"" + busy + "\"}").send().json();
            if (!overBudget.getBoolean("valid")) {
                break;
            }
        }
        assertThat(overBudget.getString("code")).isEqualTo("RATE_LIMITED");
        assertThat(overBudget.getBoolean("valid")).isFalse();

        Http.Reply authVerify = http.get("api/v1/auth/verify").key(service).send();
        assertThat(authVerify.status()).isEqualTo(200);
        assertThat(authVerify.json().getJsonArray("scopes").getValuesAs(JsonString::getString)).containsExactly("api-keys:verify");
        assertThat(http.get("api/v1/auth/verify").key(callerKey).send().status()).isEqualTo(401);
    }

    @Test
    void endUsers_bootstrapVerifyUpgradeInPlace_andMintOnlyByTheirDeveloper() {
        long ws = newWorkspace("Users " + System.nanoTime());
        String developer = createKey(ws, "[\"users:read\", \"users:write\", \"posts:read\", \"posts:write\", \"posts:publish\"]");
        Http.Reply boot = http.post("api/v1/users").key(developer).json("{\"external_id\": \"u-1\", \"email\": \"ada@example.com\"}").send();
        assertThat(boot.status()).as(boot.toString()).isEqualTo(201);
        long userId = boot.data().getJsonObject("user").getJsonNumber("id").longValue();
        String userKey = boot.data().getJsonObject("key").getString("key");
        issuedSecrets.add(userKey);
        String code = boot.data().getString("verification_code");
        assertThat(userKey).startsWith("sk_user_");
        assertThat(code).matches("\\d{6}");
        assertThat(http.get("api/v1/me").key(userKey).send().data().getJsonArray("scopes").getValuesAs(JsonString::getString))
                .containsExactlyInAnyOrder("me:verify", "me:resend-verification", "posts:read");

        Http.Reply early = http.post("api/v1/users/" + userId + "/keys").key(developer).json("{}").send();
        assertThat(early.status()).as("an unverified user gets no more keys").isEqualTo(422);

        Http.Reply wrong = http.post("api/v1/users/" + userId + "/verify").key(userKey).json("{\"code\": \"" + (code.equals("000000") ? "111111" : "000000") + "\"}").send();
        assertThat(wrong.status()).isEqualTo(422);
        Http.Reply verified = http.post("api/v1/users/" + userId + "/verify").key(userKey).json("{\"code\": \"" + code + "\"}").send();
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        assertThat(verified.data().getBoolean("verified")).isTrue();
        assertThat(http.get("api/v1/me").key(userKey).send().data().getJsonArray("scopes").getValuesAs(JsonString::getString))
                .as("the same key, upgraded in place").contains("posts:write", "posts:publish");

        String otherDeveloper = createKey(ws, "[\"users:read\", \"users:write\", \"posts:read\", \"posts:write\", \"posts:publish\"]");
        Http.Reply foreign = http.post("api/v1/users/" + userId + "/keys").key(otherDeveloper).json("{}").send();
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().getString("code")).isEqualTo("user_not_found");

        int minted = 1;
        Http.Reply last = null;
        while (minted < 11) {
            last = http.post("api/v1/users/" + userId + "/keys").key(developer).json("{\"name\": \"extra\"}").send();
            if (last.status() != 201) {
                break;
            }
            issuedSecrets.add(last.data().getString("key"));
            minted++;
        }
        assertThat(minted).as("a user holds at most 10 active keys").isEqualTo(10);
        assertThat(last.status()).isEqualTo(400);
        assertThat(last.error()).isEqualTo("key_limit_reached");

        assertThat(http.get("api/v1/users").key(developer).send().list()).hasSize(1);
        assertThat(http.get("api/v1/users").key(userKey).send().status()).as("user keys cannot list users").isEqualTo(403);

        long developerId = http.get("api/v1/me").key(developer).send().data().getJsonObject("key").getJsonNumber("id").longValue();
        Http.Reply wipe = http.post("api/v1/api-keys/" + developerId + "/revoke-minted").key(root).send();
        assertThat(wipe.status()).as(wipe.toString()).isEqualTo(200);
        assertThat(wipe.data().getInt("revoked")).isEqualTo(10);
        assertThat(code(http.get("api/v1/me").key(userKey).send())).isEqualTo("key_revoked");
        assertThat(http.get("api/v1/me").key(developer).send().status()).as("no cascade to the minting key").isEqualTo(200);
    }

    @Test
    void storage_holdsNoRawKeyInAnyColumn() throws Exception {
        long ws = newWorkspace("Storage " + System.nanoTime());
        for (int i = 0; i < 3; i++) {
            createKey(ws, "[\"read\"]");
        }
        assertThat(issuedSecrets).isNotEmpty();
        try (Connection c = DriverManager.getConnection(ItEnvironment.jdbcUrl(), ItEnvironment.isPostgres() ? "postgres" : "sa", "")) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(null, "public", "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).contains("api_keys", "audit_events");
            for (String table : tables) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int col = 1; col <= columns; col++) {
                            String value = rs.getString(col);
                            if (value != null) {
                                for (String secret : issuedSecrets) {
                                    assertThat(value).as(table + " column " + col).doesNotContain(secret);
                                }
                                assertThat(value).as(table + " column " + col).doesNotContain(root);
                            }
                        }
                    }
                }
            }
        }
    }

    private String createKey(long workspaceId, String scopesJson) {
        Http.Reply r = http.post("api/v1/api-keys").key(root).workspace(workspaceId)
                .json("{\"name\": \"test key\", \"scopes\": " + scopesJson + "}").send();
        if (r.status() != 201) {
            throw new AssertionError("could not create key: " + r);
        }
        String secret = r.data().getString("key");
        issuedSecrets.add(secret);
        return secret;
    }

    private static String code(Http.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
        return reply.json().getString("code");
    }
}
