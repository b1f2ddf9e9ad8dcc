package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Portal sessions and host-signed JWTs over HTTP: magic links that work once and expire, the
 * cookie (with CSRF) and in-memory header modes, the same scope gates, tenancy, rate limits and
 * audit as keys, logout, revoke-all and the page's security headers.
 */
class PortalIT extends GatehouseIT {

    private static final String ALL = "[\"api-keys:read\", \"api-keys:write\", \"api-keys:delete\", \"webhooks:read\","
            + " \"webhooks:write\", \"entitlements:read\", \"audit:read\"]";

    // ---- minting -------------------------------------------------------------------------------

    @Test
    void mint_rootKey_returnsSingleUseLinkWithTokenInFragment() {
        long ws = newWorkspace("Portal Mint");
        Http.Reply r = mint(root, "{\"workspace_id\": " + ws + ", \"end_user\": \"user_42\", \"scopes\": " + ALL + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String url = r.data().getString("url");
        assertThat(url).contains("/portal/#token=gh_pl_").startsWith(base.toString().replaceAll("/$", ""));
        assertThat(r.data().getString("expires_at")).endsWith("Z");
        assertThat(r.data().getJsonNumber("workspace_id").longValue()).isEqualTo(ws);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void mint_badInput_isA422NamingTheField() {
        long ws = newWorkspace("Portal Bad Input");
        assertThat(fieldError(mint(root, "{\"workspace_id\": " + ws + ", \"scopes\": [\"nope:nope\"]}"))).isEqualTo("scopes");
        assertThat(fieldError(mint(root, "{\"workspace_id\": " + ws + ", \"scopes\": []}"))).isEqualTo("scopes");
        assertThat(fieldError(mint(root, "{\"workspace_id\": " + ws + ", \"lifetime_seconds\": 5}"))).isEqualTo("lifetime_seconds");
        assertThat(fieldError(mint(root, "{\"workspace_id\": " + ws + ", \"branding\": {\"primary_color\": \"red\"}}")))
                .isEqualTo("branding.primary_color");
        assertThat(fieldError(mint(root, "{\"workspace_id\": " + ws + ", \"branding\": {\"logo_url\": \"javascript:alert(1)\"}}")))
                .isEqualTo("branding.logo_url");
        assertThat(fieldError(mint(root, "{\"workspace_id\": " + ws + ", \"colour\": 1}"))).isEqualTo("colour");
        assertThat(fieldError(mint(root, "{\"scopes\": [\"api-keys:read\"]}"))).as("root names no workspace").isEqualTo("workspace_id");
        assertThat(fieldError(mint(root, "{\"workspace_id\": -3}"))).isEqualTo("workspace_id");
        assertThat(http.post("api/v1/portal/sessions").key(root).json("not json").send().status()).isEqualTo(400);
    }

    @Test
    void mint_scopesAndTenancy_areTheCallingKeys() {
        long ws = newWorkspace("Portal Minter");
        long other = newWorkspace("Portal Other");
        String withoutPortal = key(ws, "api-keys:read");
        Http.Reply denied = mint(withoutPortal, "{\"scopes\": [\"api-keys:read\"]}");
        assertThat(denied.status()).as(denied.toString()).isEqualTo(403);
        assertThat(denied.json().getJsonArray("required_scopes").getString(0)).isEqualTo("portal:write");

        String minter = key(ws, "portal:write", "api-keys:read");
        Http.Reply own = mint(minter, "{\"scopes\": [\"api-keys:read\"]}");
        assertThat(own.status()).as(own.toString()).isEqualTo(201);
        assertThat(own.data().getJsonNumber("workspace_id").longValue()).isEqualTo(ws);

        assertThat(mint(minter, "{\"workspace_id\": " + other + ", \"scopes\": [\"api-keys:read\"]}").status())
                .as("another workspace is not found").isEqualTo(404);
        Http.Reply escalation = mint(minter, "{\"scopes\": [\"api-keys:read\", \"webhooks:write\"]}");
        assertThat(escalation.status()).as(escalation.toString()).isEqualTo(403);
        assertThat(escalation.json().getString("code")).isEqualTo("scope_escalation");

        Http.Reply defaulted = mint(minter, "{}");
        assertThat(defaulted.status()).as(defaulted.toString()).isEqualTo(201);
        assertThat(defaulted.data().getJsonArray("scopes").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).containsExactly("api-keys:read");
    }

    // ---- exchanging ----------------------------------------------------------------------------

    @Test
    void exchange_cookieMode_setsHttpOnlyStrictCookieAndTheLinkWorksOnce() {
        long ws = newWorkspace("Portal Cookie");
        String link = linkToken(mint(root, "{\"workspace_id\": " + ws + ", \"scopes\": " + ALL + "}"));
        Http.Reply first = exchange(link, "cookie");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        String cookie = first.header("Set-Cookie");
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/");
        if (java.util.Set.of("localhost", "127.0.0.1").contains(base.getHost())) {
            assertThat(cookie).as("plain-http localhost: not Secure, or the browser would drop it")
                    .startsWith("gatehouse_portal=gh_ps_").doesNotContain("Secure");
        } else {
            assertThat(cookie).startsWith("__Host-gatehouse_portal=gh_ps_").contains("; Secure");
        }
        assertThat(first.data().containsKey("token")).as("no token in the body in cookie mode").isFalse();
        assertThat(first.body()).doesNotContain(cookieValue(cookie));
        assertThat(first.data().getJsonObject("workspace").getJsonNumber("id").longValue()).isEqualTo(ws);
        assertThat(first.data().getString("csrf_token")).isNotBlank();

        Http.Reply again = exchange(link, "cookie");
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.json().getString("code")).isEqualTo("link_used");
    }

    @Test
    void exchange_badInput_isRefusedWithoutASession() {
        assertThat(exchange("gh_pl_doesnotexist", "cookie").json().getString("code")).isEqualTo("link_not_found");
        assertThat(exchange("sk_live_whatever", "header").json().getString("code")).isEqualTo("link_not_found");
        assertThat(fieldError(http.post("api/v1/portal/sessions/exchange").json("{}").send())).isEqualTo("token");
        assertThat(fieldError(http.post("api/v1/portal/sessions/exchange").json("{\"token\": \"gh_pl_x\", \"mode\": \"tab\"}").send()))
                .isEqualTo("mode");
        assertThat(fieldError(http.post("api/v1/portal/sessions/exchange").json("{\"token\": 5}").send())).isEqualTo("token");
    }

    @Test
    void exchange_expiredLink_isRefused() throws SQLException {
        long ws = newWorkspace("Portal Expired Link");
        Http.Reply minted = mint(root, "{\"workspace_id\": " + ws + ", \"scopes\": " + ALL + "}");
        age("link_expires_at", minted.data().getJsonNumber("id").longValue());
        Http.Reply r = exchange(linkToken(minted), "header");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().getString("code")).isEqualTo("link_expired");
    }

    // ---- using a session -----------------------------------------------------------------------

    @Test
    void cookieSession_writesNeedTheCsrfToken() {
        long ws = newWorkspace("Portal CSRF");
        Http.Reply started = exchange(linkToken(mint(root, "{\"workspace_id\": " + ws + ", \"scopes\": " + ALL + "}")), "cookie");
        String cookie = cookiePair(started.header("Set-Cookie"));
        String csrf = started.data().getString("csrf_token");

        Http.Reply read = http.get("api/v1/api-keys").header("Cookie", cookie).send();
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.header("X-RateLimit-Limit")).isNotNull();

        Http.Reply forged = http.post("api/v1/api-keys").header("Cookie", cookie)
                .json("{\"name\": \"forged\", \"scopes\": [\"api-keys:read\"]}").send();
        assertThat(forged.status()).as(forged.toString()).isEqualTo(403);
        assertThat(forged.json().getString("code")).isEqualTo("csrf_token_invalid");
        Http.Reply wrong = http.post("api/v1/api-keys").header("Cookie", cookie)
                .header("X-CSRF-Token", "not-the-token").json("{\"name\": \"forged\", \"scopes\": [\"api-keys:read\"]}").send();
        assertThat(wrong.status()).isEqualTo(403);

        Http.Reply created = http.post("api/v1/api-keys").header("Cookie", cookie)
                .header("X-CSRF-Token", csrf).json("{\"name\": \"from the portal\", \"scopes\": [\"api-keys:read\"]}").send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String secret = created.data().getString("key");
        assertThat(http.get("api/v1/me").key(secret).send().status()).as("the new key works like any key").isEqualTo(200);

        Http.Reply me = http.get("api/v1/portal/session").header("Cookie", cookie).send();
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.data().getString("csrf_token")).as("a reloaded page gets its CSRF token again").isEqualTo(csrf);
    }

    @Test
    void headerSession_actsOnlyInItsWorkspaceWithItsScopes() {
        long ws = newWorkspace("Portal Header");
        long other = newWorkspace("Portal Header Other");
        Http.Reply hook = http.post("api/v1/webhooks").key(root).workspace(other)
                .json("{\"url\": \"http://127.0.0.1:9/hook\", \"events\": [\"*\"]}").send();
        assertThat(hook.status()).as(hook.toString()).isEqualTo(201);
        long otherHook = hook.data().getJsonNumber("id").longValue();
        long otherKey = http.get("api/v1/api-keys").key(key(other, "api-keys:read")).send().list()
                .getJsonObject(0).getJsonNumber("id").longValue();

        String session = session(ws, "[\"api-keys:read\", \"webhooks:read\"]", "header");
        assertThat(session).startsWith("gh_ps_");
        assertThat(http.get("api/v1/webhooks").key(session).send().status()).isEqualTo(200);
        assertThat(http.get("api/v1/webhooks/" + otherHook).key(session).send().status()).as("another workspace's endpoint").isEqualTo(404);
        assertThat(http.get("api/v1/api-keys/" + otherKey).key(session).send().status()).as("another workspace's key").isEqualTo(404);
        assertThat(http.get("api/v1/webhooks").key(session).workspace(other).send().status()).as("naming another workspace").isEqualTo(404);
        assertThat(http.get("api/v1/workspaces/" + other).key(session).send().status()).isIn(403, 404);

        Http.Reply noScope = http.post("api/v1/webhooks").key(session)
                .json("{\"url\": \"https://example.com/hook\", \"events\": [\"*\"]}").send();
        assertThat(noScope.status()).as(noScope.toString()).isEqualTo(403);
        assertThat(noScope.json().getJsonArray("required_scopes").getString(0)).isEqualTo("webhooks:write");

        Http.Reply me = http.get("api/v1/portal/session").key(session).send();
        assertThat(me.data().getJsonArray("scopes")).hasSize(2);
        assertThat(me.data().getString("via")).isEqualTo("portal_session");
        assertThat(http.get("api/v1/portal/session").key(root).send().status()).as("a key has no session").isEqualTo(404);
    }

    @Test
    void session_writesAreAuditedWithTheEndUser() {
        long ws = newWorkspace("Portal Audit");
        String session = session(ws, ALL, "header", "\"end_user\": \"customer-7\"");
        Http.Reply created = http.post("api/v1/api-keys").key(session).json("{\"name\": \"audited\", \"scopes\": [\"api-keys:read\"]}").send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.data().getJsonNumber("id").longValue();
        Http.Reply audit = http.get("api/v1/audit-events?type=api_key.created&key_id=" + id).key(root).workspace(ws).send();
        assertThat(audit.status()).as(audit.toString()).isEqualTo(200);
        JsonObject details = audit.list().getJsonObject(0).getJsonObject("details");
        assertThat(details.getString("actor_end_user")).isEqualTo("customer-7");
        assertThat(details.getString("actor_via")).isEqualTo("portal_session");
        assertThat(details.getString("actor_session_id")).isNotBlank();
    }

    @Test
    void session_endsAtLogoutExpiryRevokeAllAndWithItsMintingKey() throws SQLException {
        long ws = newWorkspace("Portal Ends");
        long loggingOut = newWorkspace("Portal Ends Logout");
        String loggedOut = session(loggingOut, ALL, "header");
        assertThat(http.delete("api/v1/portal/session").key(loggedOut).send().status()).isEqualTo(204);
        assertThat(code(http.get("api/v1/api-keys").key(loggedOut).send())).isEqualTo("session_ended");

        long short_ = newWorkspace("Portal Ends Expiry");
        Http.Reply minted = mint(root, "{\"workspace_id\": " + short_ + ", \"scopes\": " + ALL + "}");
        String expiring = exchange(linkToken(minted), "header").data().getString("token");
        age("expires_at", minted.data().getJsonNumber("id").longValue());
        assertThat(code(http.get("api/v1/api-keys").key(expiring).send())).isEqualTo("session_expired");

        String a = session(ws, ALL, "header");
        String b = session(ws, ALL, "header");
        String unused = linkToken(mint(root, "{\"workspace_id\": " + ws + ", \"scopes\": " + ALL + "}"));
        long other = newWorkspace("Portal Ends Other");
        String elsewhere = session(other, ALL, "header");
        Http.Reply revoked = http.delete("api/v1/portal/sessions").key(root).workspace(ws).send();
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.data().getInt("revoked")).isEqualTo(3);
        assertThat(code(http.get("api/v1/api-keys").key(a).send())).isEqualTo("session_ended");
        assertThat(code(http.get("api/v1/api-keys").key(b).send())).isEqualTo("session_ended");
        assertThat(exchange(unused, "header").json().getString("code")).isEqualTo("link_used");
        assertThat(http.get("api/v1/api-keys").key(elsewhere).send().status()).as("other workspaces keep theirs").isEqualTo(200);

        String minter = key(ws, "portal:write", "api-keys:read");
        String delegated = session(minter, "{\"scopes\": [\"api-keys:read\"]}");
        assertThat(http.get("api/v1/api-keys").key(delegated).send().status()).isEqualTo(200);
        long minterId = http.get("api/v1/me").key(minter).send().data().getJsonObject("key").getJsonNumber("id").longValue();
        assertThat(http.delete("api/v1/api-keys/" + minterId).key(root).workspace(ws).send().status()).isEqualTo(204);
        assertThat(code(http.get("api/v1/api-keys").key(delegated).send())).as("revoking the minting key ends it").isEqualTo("session_ended");

        assertThat(code(http.get("api/v1/api-keys").key("gh_ps_forged").send())).isEqualTo("session_not_found");
        assertThat(http.delete("api/v1/portal/sessions").key(key(ws, "api-keys:read")).send().status()).isEqualTo(403);
    }

    // ---- host-signed JWTs ----------------------------------------------------------------------

    @Test
    void jwt_signedByTheApp_actsAsItsUserInItsWorkspace() throws JOSEException {
        long ws = newWorkspace("Portal JWT");
        long other = newWorkspace("Portal JWT Other");
        String jwt = jwt(ItEnvironment.JWT_SECRET, ws, "user-9", "api-keys:read api-keys:write", Instant.now().plusSeconds(300));
        Http.Reply list = http.get("api/v1/api-keys").key(jwt).send();
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.header("X-RateLimit-Limit")).isNotNull();
        Http.Reply created = http.post("api/v1/api-keys").key(jwt).json("{\"name\": \"by jwt\", \"scopes\": [\"api-keys:read\"]}").send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(http.get("api/v1/api-keys").key(jwt).workspace(other).send().status()).isEqualTo(404);
        Http.Reply denied = http.get("api/v1/webhooks").key(jwt).send();
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().getJsonArray("required_scopes").getString(0)).isEqualTo("webhooks:read");
        Http.Reply me = http.get("api/v1/portal/session").key(jwt).send();
        assertThat(me.data().getString("via")).isEqualTo("jwt");
        assertThat(me.data().getString("end_user")).isEqualTo("user-9");
    }

    @Test
    void jwt_forgedExpiredOrMalformed_isA401() throws JOSEException {
        long ws = newWorkspace("Portal JWT Bad");
        String forged = jwt("another-secret-that-is-at-least-32-bytes-long", ws, "u", "api-keys:read", Instant.now().plusSeconds(300));
        assertThat(code(http.get("api/v1/api-keys").key(forged).send())).isEqualTo("invalid_token");
        String expired = jwt(ItEnvironment.JWT_SECRET, ws, "u", "api-keys:read", Instant.now().minusSeconds(600));
        assertThat(code(http.get("api/v1/api-keys").key(expired).send())).isEqualTo("token_expired");
        String unknownScope = jwt(ItEnvironment.JWT_SECRET, ws, "u", "api-keys:read nope:nope", Instant.now().plusSeconds(300));
        assertThat(code(http.get("api/v1/api-keys").key(unknownScope).send())).isEqualTo("invalid_token");
        assertThat(code(http.get("api/v1/api-keys").key("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1In0.").send())).isEqualTo("invalid_token");
    }

    // ---- usage series --------------------------------------------------------------------------

    @Test
    void usageSeries_showsRecordedUsagePerDayAndMonth() {
        long ws = newWorkspace("Portal Series");
        long other = newWorkspace("Portal Series Other");
        Http.Reply recorded = http.post("api/v1/entitlements/usage").key(root).workspace(ws).json("{\"feature\": \"api_calls\", \"quantity\": 7}").send();
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
        String session = session(ws, "[\"entitlements:read\"]", "header");
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();

        Http.Reply days = http.get("api/v1/entitlements/usage/series?feature=api_calls&interval=day").key(session).send();
        assertThat(days.status()).as(days.toString()).isEqualTo(200);
        assertThat(days.data().getJsonArray("points")).hasSize(30);
        JsonObject last = days.data().getJsonArray("points").getJsonObject(29);
        assertThat(last.getString("start")).isEqualTo(today);
        assertThat(last.getJsonNumber("quantity").longValue()).isEqualTo(7);
        Http.Reply months = http.get("api/v1/entitlements/usage/series?feature=api_calls&interval=month").key(session).send();
        assertThat(months.data().getJsonArray("points")).hasSize(12);
        assertThat(months.data().getJsonArray("points").getJsonObject(11).getJsonNumber("quantity").longValue()).isEqualTo(7);

        Http.Reply elsewhere = http.get("api/v1/entitlements/usage/series?feature=api_calls").key(root).workspace(other).send();
        assertThat(elsewhere.data().getJsonArray("points").getJsonObject(29).getJsonNumber("quantity").longValue()).isZero();
        assertThat(http.get("api/v1/entitlements/usage/series?feature=api_calls").key(session).workspace(other).send().status()).isEqualTo(404);
        assertThat(http.get("api/v1/entitlements/usage/series?feature=api_calls").key(key(ws, "api-keys:read")).send().status()).isEqualTo(403);
        assertThat(fieldError(http.get("api/v1/entitlements/usage/series").key(session).send())).isEqualTo("feature");
        assertThat(fieldError(http.get("api/v1/entitlements/usage/series?feature=nope").key(session).send())).isEqualTo("feature");
        assertThat(fieldError(http.get("api/v1/entitlements/usage/series?feature=api_calls&interval=week").key(session).send())).isEqualTo("interval");
        assertThat(fieldError(http.get("api/v1/entitlements/usage/series?feature=api_calls&from=yesterday").key(session).send())).isEqualTo("from");
        assertThat(fieldError(http.get("api/v1/entitlements/usage/series?feature=api_calls&from=2026-02-01&to=2026-01-01").key(session).send())).isEqualTo("from");
        assertThat(fieldError(http.get("api/v1/entitlements/usage/series?feature=api_calls&from=2020-01-01&to=2026-01-01").key(session).send())).isEqualTo("from");
    }

    // ---- the page ------------------------------------------------------------------------------

    @Test
    void page_isServedWithAStrictPolicyAndNoFraming() {
        Http.Reply page = http.get("portal/").send();
        assertThat(page.status()).isEqualTo(200);
        String csp = page.header("Content-Security-Policy");
        assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(http.get("console/").send().header("Content-Security-Policy")).contains("frame-ancestors 'none'");
    }

    // ---- in the browser (H2 run only: the page's flows do not depend on the database) ---------

    private static final Path NODE_DIR = Path.of(System.getProperty("gatehouse.it.node", "target/node"));
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    @Test
    void browser_portalAndConsole_flowsWorkAndPassAxe() throws Exception {
        Assumptions.assumeFalse(ItEnvironment.isPostgres(), "browser flows run in the H2 run only");
        requireBrowser();
        Path shots = Files.createDirectories(Path.of(System.getProperty("gatehouse.it.workdir", "target"), "portal-screenshots"));
        // Loopback, as a developer opens it: a secure context, where the session cookie and the clipboard work.
        String url = new java.net.URI("http", null, "127.0.0.1", base.getPort(), "/", null, null).toString();
        Path out = Files.createTempFile(shots.getParent(), "portal-out", ".txt");
        Path err = Files.createTempFile(shots.getParent(), "portal-err", ".txt");
        Process p = new ProcessBuilder("node", "portal-browser.mjs", url, root, shots.toAbsolutePath().toString())
                .directory(NODE_DIR.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("portal-browser.mjs did not finish in 300 s: " + Files.readString(err));
        }
        assertThat(p.exitValue()).as(Files.readString(err)).isZero();
        String[] lines = Files.readString(out).strip().split("\n");
        JsonObject r;
        try (jakarta.json.JsonReader reader = jakarta.json.Json.createReader(new java.io.StringReader(lines[lines.length - 1]))) {
            r = reader.readObject();
        }
        assertThat(r.getString("urlAfterSignIn")).as("the token leaves the address bar").doesNotContain("token").doesNotContain("gh_pl_");
        assertThat(r.getString("brand")).isEqualTo("Gatehouse");
        assertThat(r.getString("secondUse")).contains("already been used");
        assertThat(r.getBoolean("secretShownOnce")).isTrue();
        assertThat(r.getInt("secretWorks")).as("the new key works over HTTP").isEqualTo(200);
        assertThat(r.getBoolean("copied")).isTrue();
        assertThat(r.getBoolean("secretGoneAfterLeaving")).isTrue();
        assertThat(r.getInt("rotatedWorks")).isEqualTo(200);
        assertThat(r.getInt("revokedAnswers")).isEqualTo(401);
        assertThat(r.getBoolean("webhookSecretShown")).isTrue();
        assertThat(r.getString("testAnswer")).startsWith("Test delivered: HTTP 200");
        assertThat(r.getBoolean("attemptShown")).isTrue();
        assertThat(r.getBoolean("retriedDelivered")).isTrue();
        assertThat(r.getBoolean("usageShown")).isTrue();
        assertThat(r.getInt("auditRows")).isPositive();
        assertThat(r.getBoolean("auditFilteredOnly")).isTrue();
        assertThat(r.getString("mcpUrl")).as("the MCP endpoint next to the portal").endsWith("/mcp");
        assertThat(r.getJsonArray("mcpTools").getValuesAs(jakarta.json.JsonString.class)).extracting(jakarta.json.JsonString::getString)
                .as("the tools the session's scopes allow, and no more").contains("list_api_keys", "list_webhook_endpoints")
                .doesNotContain("create_workspace", "publish_event");
        assertThat(r.getJsonArray("crossWorkspace").getInt(0)).isEqualTo(404);
        assertThat(r.getJsonArray("crossWorkspace").getInt(1)).isEqualTo(404);
        assertThat(r.getInt("csrfless")).isEqualTo(403);
        assertThat(r.getBoolean("readOnlyHasAddForm")).isFalse();
        assertThat(r.getBoolean("readOnlyHasTestButton")).isFalse();
        assertThat(r.getInt("readOnlyApiWrite")).isEqualTo(403);
        assertThat(r.getInt("afterLogout")).isEqualTo(401);
        assertThat(r.getBoolean("framedLoaded")).as("framing by an unlisted origin is refused").isFalse();
        assertThat(r.getBoolean("framingBlocked")).as("by the frame-ancestors policy").isTrue();
        assertThat(r.getBoolean("consoleListsWorkspace")).isTrue();
        assertThat(r.getJsonArray("cspViolations")).as("no inline script or style").isEmpty();
        assertThat(r.getJsonArray("external")).as("works offline").isEmpty();
        JsonObject axe = r.getJsonObject("axe");
        assertThat(axe.keySet()).contains("overview", "keys", "webhooks", "deliveries", "usage", "audit", "mcp",
                "console-sign-in", "console-workspaces", "console-audit", "console-health");
        axe.forEach((screen, violations) -> assertThat(violations.asJsonArray()).as("serious or critical axe findings on " + screen).isEmpty());
        for (String screen : axe.keySet()) {
            assertThat(shots.resolve(screen + "-1280.png")).exists();
            assertThat(shots.resolve(screen + "-375.png")).exists();
        }
    }

    private static void requireBrowser() {
        if (Files.isDirectory(NODE_DIR.resolve("node_modules/axe-core")) && Files.isExecutable(CHROMIUM)) {
            return;
        }
        String reason = "Missing axe-core/playwright-core in " + NODE_DIR + " or chromium at " + CHROMIUM;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(reason + "; under CI=true .ci/run must install them.");
        }
        Assumptions.abort(reason);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private Http.Reply mint(String key, String body) {
        return http.post("api/v1/portal/sessions").key(key).json(body).send();
    }

    private Http.Reply exchange(String token, String mode) {
        return http.post("api/v1/portal/sessions/exchange").json("{\"token\": \"" + token + "\", \"mode\": \"" + mode + "\"}").send();
    }

    private String session(long ws, String scopes, String mode, String... more) {
        String extra = more.length == 0 ? "" : ", " + String.join(", ", more);
        Http.Reply started = exchange(linkToken(mint(root, "{\"workspace_id\": " + ws + ", \"scopes\": " + scopes + extra + "}")), mode);
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        return started.data().getString("token");
    }

    private String session(String minter, String body) {
        Http.Reply minted = mint(minter, body);
        assertThat(minted.status()).as(minted.toString()).isEqualTo(201);
        return exchange(linkToken(minted), "header").data().getString("token");
    }

    private static String linkToken(Http.Reply minted) {
        assertThat(minted.status()).as(minted.toString()).isEqualTo(201);
        String url = minted.data().getString("url");
        return url.substring(url.indexOf("#token=") + "#token=".length());
    }

    /** name=value of a Set-Cookie header, as a browser sends it back. */
    private static String cookiePair(String setCookie) {
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static String cookieValue(String setCookie) {
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }

    private String key(long ws, String... scopes) {
        String list = String.join("\", \"", scopes);
        Http.Reply r = http.post("api/v1/api-keys").key(root).workspace(ws)
                .json("{\"name\": \"portal it\", \"scopes\": [\"" + list + "\"]}").send();
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.data().getString("key");
    }

    private static String fieldError(Http.Reply r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        return r.json().getJsonObject("errors").keySet().iterator().next();
    }

    private static String code(Http.Reply r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(401);
        return r.json().getString("code");
    }

    private static String jwt(String secret, long ws, String user, String scope, Instant expires) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(user).audience("gatehouse").claim("workspace_id", ws)
                .claim("scope", scope).issueTime(Date.from(expires.minusSeconds(600))).expirationTime(Date.from(expires)).build();
        SignedJWT signed = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        signed.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return signed.serialize();
    }

    /** Moves a session's expiry column into the past, as time would (the server's clock is real). */
    private static void age(String column, long sessionId) throws SQLException {
        assertThat(List.of("link_expires_at", "expires_at")).contains(column);
        try (Connection c = DriverManager.getConnection(ItEnvironment.jdbcUrl(), ItEnvironment.isPostgres() ? "postgres" : "sa", "");
             PreparedStatement ps = c.prepareStatement("UPDATE portal_sessions SET " + column + " = ? WHERE id = ?")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(60)));
            ps.setLong(2, sessionId);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }
}
