package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 over HTTP: the plan catalog, check / record / summary as seed 001 shows them, the hard
 * limit's 403, idempotent recording, root-only overrides and adjustments, rate-limit headers, the
 * 429, per-key isolation, and — on PostgreSQL — two Gatehouse processes sharing one limit.
 */
class EntitlementsIT extends GatehouseIT {

    private static final List<String> RATE_HEADERS = List.of("X-RateLimit-Limit", "X-RateLimit-Remaining",
            "X-RateLimit-Reset", "RateLimit-Policy", "RateLimit");

    /** Creates a workspace on a tier and returns it with a key of its own. */
    private Tenant tenant(String tier, String keyTier) {
        Http.Reply ws = http.post("api/v1/workspaces").key(root)
                .json("{\"name\": \"Ent " + System.nanoTime() + "\", \"tier\": \"" + tier + "\"}").send();
        assertThat(ws.status()).as(ws.toString()).isEqualTo(201);
        long id = ws.data().getJsonNumber("id").longValue();
        return new Tenant(id, key(id, keyTier));
    }

    private String key(long workspaceId, String keyTier) {
        Http.Reply key = http.post("api/v1/api-keys").key(root).workspace(workspaceId)
                .json("{\"name\": \"metering\", \"scopes\": [\"entitlements:read\", \"entitlements:write\"]"
                        + (keyTier == null ? "" : ", \"rate_limit_tier\": \"" + keyTier + "\"") + "}").send();
        assertThat(key.status()).as(key.toString()).isEqualTo(201);
        return key.data().getString("key");
    }

    private record Tenant(long id, String key) {
    }

    @Test
    void plans_listsEveryTierWithRateAndFeatures() {
        Tenant t = tenant("pro", null);

        Http.Reply r = http.get("api/v1/plans").key(t.key()).send();

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.list()).hasSize(6);
        JsonObject pro = r.list().getJsonObject(2);
        assertThat(pro.getString("name")).isEqualTo("pro");
        assertThat(pro.getJsonObject("rate_limit").getInt("requests_per_minute")).isEqualTo(5000);
        assertThat(pro.getJsonObject("rate_limit").getInt("capacity")).isEqualTo(6500);
        assertThat(pro.getJsonObject("entitlements").getJsonObject("posts").getInt("limit")).isEqualTo(1000);
        assertThat(pro.getJsonObject("entitlements").getJsonObject("api_calls").getString("reset_period")).isEqualTo("monthly");
    }

    @Test
    void checkRecordSummary_moveTogether_andCheckNeverConsumes() {
        Tenant t = tenant("pro", null);

        Http.Reply check = http.get("api/v1/entitlements/check?feature=posts&quantity=5").key(t.key()).send();
        assertThat(check.status()).as(check.toString()).isEqualTo(200);
        assertThat(check.json().getBoolean("allowed")).isTrue();
        assertThat(check.json().getInt("current_usage")).isZero();
        assertThat(check.json().getInt("limit")).isEqualTo(1000);
        assertThat(check.json().getInt("available")).isEqualTo(1000);
        assertThat(http.get("api/v1/entitlements/check?feature=posts").key(t.key()).send().json().getInt("current_usage"))
                .as("check never consumes").isZero();

        Http.Reply recorded = http.post("api/v1/entitlements/usage").key(t.key())
                .json("{\"feature\": \"posts\", \"quantity\": 45, \"metadata\": {\"endpoint\": \"/api/v1/posts\"}}").send();
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
        assertThat(recorded.json().getBoolean("recorded")).isTrue();
        assertThat(recorded.json().getString("feature")).isEqualTo("posts");
        assertThat(recorded.json().getInt("current_usage")).isEqualTo(45);
        assertThat(recorded.json().getInt("limit")).isEqualTo(1000);
        http.post("api/v1/entitlements/usage").key(t.key()).json("{\"feature\": \"api_calls\", \"quantity\": 5001}").send();
        http.post("api/v1/entitlements/usage").key(t.key()).json("{\"feature\": \"storage\", \"quantity\": 1073741824}").send();

        Http.Reply summary = http.get("api/v1/entitlements/summary").key(t.key()).send();
        assertThat(summary.status()).as(summary.toString()).isEqualTo(200);
        JsonObject data = summary.data();
        assertThat(data.getJsonNumber("workspace_id").longValue()).isEqualTo(t.id());
        assertThat(data.getString("tier")).isEqualTo("pro");
        JsonObject posts = data.getJsonObject("entitlements").getJsonObject("posts");
        assertThat(posts.getInt("used")).isEqualTo(45);
        assertThat(posts.getInt("available")).isEqualTo(955);
        assertThat(posts.getJsonNumber("percentage").doubleValue()).isEqualTo(4.5);
        JsonObject apiCalls = data.getJsonObject("entitlements").getJsonObject("api_calls");
        assertThat(apiCalls.getInt("used")).isEqualTo(5001);
        assertThat(apiCalls.getString("reset_at")).matches("\\d{4}-\\d\\d-01T00:00:00Z");
        JsonObject storage = data.getJsonObject("entitlements").getJsonObject("storage");
        assertThat(storage.getJsonNumber("percentage").toString()).isEqualTo("20");
        assertThat(storage.getString("unit")).isEqualTo("bytes");
    }

    /**
     * Issue 11, defect 1: with the shipped default (no {@code gatehouse.entitlements.upgrade-url})
     * the refusal is still the 403 — the optional {@code upgrade_url} is left out, not a 500.
     */
    @Test
    void record_pastHardLimit_is403InSeedShapeAndRecordsNothing() {
        Tenant t = tenant("free", null); // posts: 10, hard

        assertThat(http.post("api/v1/entitlements/usage").key(t.key()).json("{\"feature\": \"posts\", \"quantity\": 10}")
                .send().status()).isEqualTo(200);
        Http.Reply refused = http.post("api/v1/entitlements/usage").key(t.key())
                .json("{\"feature\": \"posts\", \"quantity\": 1}").send();

        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.error()).isEqualTo("feature_limit_reached");
        assertThat(refused.json().getString("feature")).isEqualTo("posts");
        assertThat(refused.json().containsKey("upgrade_url")).as("no upgrade URL is configured").isFalse();
        assertThat(refused.json().getString("message")).isEqualTo("Post limit exceeded. Used: 10, Limit: 10");
        Http.Reply check = http.get("api/v1/entitlements/check?feature=posts").key(t.key()).send();
        assertThat(check.json().getBoolean("allowed")).isFalse();
        assertThat(check.json().getString("reason")).isEqualTo("LIMIT_EXCEEDED");
        assertThat(check.json().getInt("current_usage")).isEqualTo(10);
        assertThat(check.json().getInt("available")).isZero();
        assertThat(check.json().containsKey("upgrade_url")).isFalse();
        Http.Reply summary = http.get("api/v1/entitlements/summary").key(t.key()).send();
        assertThat(summary.data().getJsonObject("entitlements").getJsonObject("posts").getInt("used")).isEqualTo(10);
    }

    /**
     * Issue 11, defect 5: 16 parallel first recordings into a fresh workspace race to create its
     * counters; every one is accepted — for a hard-limited feature they all fit under (posts) and
     * for an unlimited one (enterprise api_calls) — and the totals are exact.
     */
    @Test
    void record_16ParallelFirstRecordingsIntoAFreshWorkspace_allCount() throws Exception {
        for (String[] tierAndFeature : new String[][] {{"pro", "posts"}, {"enterprise", "api_calls"}}) {
            Tenant t = tenant(tierAndFeature[0], null);
            String body = "{\"feature\": \"" + tierAndFeature[1] + "\", \"quantity\": 2}";
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Http.Reply>> replies = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    replies.add(pool.submit(() -> {
                        go.await();
                        return http.post("api/v1/entitlements/usage").key(t.key()).json(body).send();
                    }));
                }
                go.countDown();
                for (Future<Http.Reply> reply : replies) {
                    Http.Reply r = reply.get(2, TimeUnit.MINUTES);
                    assertThat(r.status()).as(tierAndFeature[1] + ": " + r).isEqualTo(200);
                }
            } finally {
                pool.shutdownNow();
            }
            JsonObject usage = http.get("api/v1/entitlements/summary").key(t.key()).send().data()
                    .getJsonObject("entitlements").getJsonObject(tierAndFeature[1]);
            assertThat(usage.getInt("used")).as(tierAndFeature[1]).isEqualTo(32);
        }
    }

    @Test
    void record_repeatedEventId_countsOnceAndAnswersAsTheFirstTime() {
        Tenant t = tenant("pro", null);
        String body = "{\"feature\": \"api_calls\", \"quantity\": 3, \"event_id\": \"evt_abc123\"}";

        Http.Reply first = http.post("api/v1/entitlements/usage").key(t.key()).json(body).send();
        http.post("api/v1/entitlements/usage").key(t.key()).json("{\"feature\": \"api_calls\", \"quantity\": 2}").send();
        Http.Reply again = http.post("api/v1/entitlements/usage").key(t.key()).json(body).send();

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(http.get("api/v1/entitlements/summary").key(t.key()).send().data().getJsonObject("entitlements")
                .getJsonObject("api_calls").getInt("used")).isEqualTo(5);
    }

    @Test
    void invalidInput_is422NamingTheField() {
        Tenant t = tenant("pro", null);

        Http.Reply unknown = http.get("api/v1/entitlements/check?feature=teleport").key(t.key()).send();
        Http.Reply zero = http.post("api/v1/entitlements/usage").key(t.key()).json("{\"feature\": \"posts\", \"quantity\": 0}").send();
        Http.Reply huge = http.post("api/v1/entitlements/usage").key(t.key())
                .json("{\"feature\": \"posts\", \"quantity\": 9999999999999}").send();
        Http.Reply fraction = http.post("api/v1/entitlements/usage").key(t.key()).json("{\"feature\": \"posts\", \"quantity\": 1.5}").send();

        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().getJsonObject("errors").keySet()).containsExactly("feature");
        for (Http.Reply r : List.of(zero, huge, fraction)) {
            assertThat(r.status()).as(r.toString()).isEqualTo(422);
            assertThat(r.json().getJsonObject("errors").keySet()).containsExactly("quantity");
        }
    }

    @Test
    void overridesAndAdjustments_areRootOnly_andTakeEffect() {
        Tenant t = tenant("free", null);
        http.post("api/v1/entitlements/usage").key(t.key()).json("{\"feature\": \"posts\", \"quantity\": 10}").send();

        Http.Reply byWorkspaceKey = http.call("PUT", "api/v1/entitlements/overrides/posts").key(t.key())
                .json("{\"type\": \"hard\", \"limit\": 50}").send();
        assertThat(byWorkspaceKey.status()).isEqualTo(403);
        assertThat(byWorkspaceKey.error()).isEqualTo("access_denied");

        Http.Reply set = http.call("PUT", "api/v1/entitlements/overrides/posts").key(root).workspace(t.id())
                .json("{\"type\": \"hard\", \"limit\": 50}").send();
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(http.get("api/v1/entitlements/check?feature=posts").key(t.key()).send().json().getInt("limit")).isEqualTo(50);

        Http.Reply adjusted = http.post("api/v1/entitlements/adjustments").key(root).workspace(t.id())
                .json("{\"feature\": \"posts\", \"delta\": -4, \"reason\": \"posts deleted by support\"}").send();
        assertThat(adjusted.status()).as(adjusted.toString()).isEqualTo(200);
        assertThat(adjusted.data().getInt("used")).isEqualTo(6);
        assertThat(http.post("api/v1/entitlements/adjustments").key(t.key())
                .json("{\"feature\": \"posts\", \"delta\": -4, \"reason\": \"mine\"}").send().status()).isEqualTo(403);

        assertThat(http.delete("api/v1/entitlements/overrides/posts").key(root).workspace(t.id()).send().status()).isEqualTo(204);
        JsonObject check = http.get("api/v1/entitlements/check?feature=posts").key(t.key()).send().json();
        assertThat(check.getInt("limit")).isEqualTo(10);
        assertThat(check.getInt("current_usage")).isEqualTo(6);
    }

    @Test
    void rateLimitHeaders_onSuccessAndErrorResponses() {
        Tenant t = tenant("pro", null);

        Http.Reply ok = http.get("api/v1/entitlements/summary").key(t.key()).send();
        Http.Reply error = http.get("api/v1/entitlements/check?feature=teleport").key(t.key()).send();
        Http.Reply scopeDenied = http.get("api/v1/workspaces").key(t.key()).send();

        for (Http.Reply r : List.of(ok, error, scopeDenied)) {
            assertThat(RATE_HEADERS).as(r.toString()).allSatisfy(h -> assertThat(r.header(h)).as(h).isNotNull());
        }
        assertThat(ok.header("X-RateLimit-Limit")).isEqualTo("6500");
        assertThat(ok.header("RateLimit-Policy")).isEqualTo("5000;w=60;burst=6500");
        long reset = Long.parseLong(ok.header("X-RateLimit-Reset"));
        assertThat(reset).isBetween(Instant.now().getEpochSecond() - 5, Instant.now().getEpochSecond() + 120);
        assertThat(Long.parseLong(error.header("X-RateLimit-Remaining"))).isBetween(0L, 6500L);
        assertThat(scopeDenied.status()).isEqualTo(403);
    }

    @Test
    void freeKey_exhausted_gets429WithRetryAfter_whileAnotherKeyIsUntouched() {
        Tenant t = tenant("pro", "free"); // free: 60 per minute, no burst
        String other = key(t.id(), "free");

        Instant start = Instant.now();
        int allowed = 0;
        Http.Reply refused = null;
        for (int i = 0; i < 80 && refused == null; i++) {
            Http.Reply r = http.get("api/v1/entitlements/summary").key(t.key()).send();
            if (r.status() == 429) {
                refused = r;
            } else {
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
                allowed++;
            }
        }
        long elapsedSeconds = Duration.between(start, Instant.now()).toSeconds() + 1;

        assertThat(refused).as("no 429 after 80 requests").isNotNull();
        // 60 at once, plus one token back per second while the loop ran (greedy refill).
        assertThat(allowed).isBetween(60, 60 + (int) elapsedSeconds);
        assertThat(refused.error()).isEqualTo("rate_limit_exceeded");
        assertThat(refused.json().getInt("limit")).isEqualTo(60);
        assertThat(refused.json().getInt("remaining")).isZero();
        assertThat(refused.json().getInt("retry_after")).isBetween(1, 60);
        assertThat(refused.json().getString("reset_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(refused.header("Retry-After")).isEqualTo(Integer.toString(refused.json().getInt("retry_after")));
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("60");

        Http.Reply otherKey = http.get("api/v1/entitlements/summary").key(other).send();
        assertThat(otherKey.status()).isEqualTo(200);
        assertThat(otherKey.header("X-RateLimit-Remaining")).isEqualTo("59");
    }

    /**
     * Issue 11, defect 3: a plan catalog from {@code gatehouse.plans.file} with tiers of its own
     * ({@code hobby}, {@code team}) is the one source of tier names — workspaces and keys take
     * them, the default tier is its lowest, and the shipped names are unknown. Tier names do not
     * depend on the database, so this runs in the H2 run only (one uber-jar on a fresh H2 file).
     */
    @Test
    void customPlanCatalog_itsTiersAreTheOnlyOnes() throws Exception {
        assumeTrue(!ItEnvironment.isPostgres(), "tier names do not depend on the database: H2 run only");
        Path jar = Path.of(System.getProperty("gatehouse.it.uberJar", "../war/target/gatehouse.jar"));
        assumeTrue(Files.isRegularFile(jar), "no uber-jar at " + jar + " (built by mvn package)");
        Path dir = Path.of(System.getProperty("gatehouse.it.workdir", "target"), "custom-plans-" + System.nanoTime())
                .toAbsolutePath();
        Files.createDirectories(dir);
        Path plans = Files.writeString(dir.resolve("plans.properties"), String.join("\n",
                "features=posts",
                "feature.posts.kind=counted",
                "feature.posts.description=Post",
                "tiers=hobby,team",
                "tier.hobby.rate.per-minute=100",
                "tier.hobby.limit.posts=2",
                "tier.team.rate.per-minute=1000",
                "tier.team.limit.posts=unlimited", ""));
        String h2 = "jdbc:h2:file:" + dir.resolve("gatehouse") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        try (GatehouseProcess custom = GatehouseProcess.start("custom-plans", h2, root, List.of("-Dgatehouse.plans.file=" + plans))) {
            Http c = custom.http;
            Http.Reply hobby = c.post("api/v1/workspaces").key(root).json("{\"name\": \"Hobby\"}").send();
            assertThat(hobby.status()).as(hobby.toString()).isEqualTo(201);
            assertThat(hobby.data().getString("tier")).as("the catalog's lowest tier").isEqualTo("hobby");
            Http.Reply team = c.post("api/v1/workspaces").key(root).json("{\"name\": \"Team\", \"tier\": \"team\"}").send();
            assertThat(team.status()).as(team.toString()).isEqualTo(201);
            Http.Reply pro = c.post("api/v1/workspaces").key(root).json("{\"name\": \"Pro\", \"tier\": \"pro\"}").send();
            assertThat(pro.status()).as(pro.toString()).isEqualTo(422);
            assertThat(pro.json().getJsonObject("errors").getJsonArray("tier").getString(0)).isEqualTo("must be one of: hobby, team");
            long hobbyId = hobby.data().getJsonNumber("id").longValue();
            Http.Reply patched = c.call("PATCH", "api/v1/workspaces/" + hobbyId).key(root).json("{\"tier\": \"team\"}").send();
            assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
            Http.Reply listed = c.get("api/v1/workspaces?tier=team").key(root).send();
            assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
            assertThat(listed.list()).hasSize(2);
            assertThat(c.get("api/v1/workspaces?tier=free").key(root).send().status()).isEqualTo(422);

            long teamId = team.data().getJsonNumber("id").longValue();
            Http.Reply key = c.post("api/v1/api-keys").key(root).workspace(teamId)
                    .json("{\"name\": \"k\", \"scopes\": [\"entitlements:write\"], \"rate_limit_tier\": \"hobby\"}").send();
            assertThat(key.status()).as(key.toString()).isEqualTo(201);
            assertThat(key.data().getString("rate_limit_tier")).isEqualTo("hobby");
            Http.Reply enterprise = c.post("api/v1/api-keys").key(root).workspace(teamId)
                    .json("{\"name\": \"k\", \"rate_limit_tier\": \"enterprise\"}").send();
            assertThat(enterprise.status()).as(enterprise.toString()).isEqualTo(422);
            assertThat(enterprise.json().getJsonObject("errors").keySet()).containsExactly("rate_limit_tier");
            String secret = key.data().getString("key");
            Http.Reply recorded = c.post("api/v1/entitlements/usage").key(secret).json("{\"feature\": \"posts\", \"quantity\": 5}").send();
            assertThat(recorded.status()).as("team posts are unlimited: " + recorded).isEqualTo(200);
            assertThat(recorded.header("X-RateLimit-Limit")).as("the key's own tier, from the catalog").isEqualTo("100");
        }
    }

    /**
     * Two Gatehouse processes (the uber-jar) on one fresh PostgreSQL database with
     * {@code gatehouse.rate-limit.store=postgres}: a free key's 60 requests are shared between
     * them, not 60 each.
     */
    @Test
    void sharedStore_twoInstancesOnOnePostgres_holdOneLimitBetweenThem() throws Exception {
        assumeTrue(ItEnvironment.isPostgres(), "the shared bucket store needs PostgreSQL");
        Path jar = Path.of(System.getProperty("gatehouse.it.uberJar", "../war/target/gatehouse.jar"));
        assumeTrue(Files.isRegularFile(jar), "no uber-jar at " + jar + " (built by mvn package)");
        String database = GatehouseProcess.freshPostgres("shared");
        List<String> shared = List.of("-Dgatehouse.rate-limit.store=postgres");
        try (GatehouseProcess one = GatehouseProcess.start("shared-a", database, root, shared);
             GatehouseProcess two = GatehouseProcess.start("shared-b", database, root, shared)) {
            Http a = one.http;
            Http b = two.http;
            Http.Reply ws = a.post("api/v1/workspaces").key(root).json("{\"name\": \"Shared\", \"tier\": \"free\"}").send();
            assertThat(ws.status()).as(ws.toString()).isEqualTo(201);
            long id = ws.data().getJsonNumber("id").longValue();
            String key = b.post("api/v1/api-keys").key(root).workspace(id)
                    .json("{\"name\": \"shared\", \"scopes\": [\"entitlements:read\"]}").send().data().getString("key");

            Instant start = Instant.now();
            int allowedA = 0;
            int allowedB = 0;
            for (int i = 0; i < 50; i++) {
                allowedA += a.get("api/v1/entitlements/summary").key(key).send().status() == 200 ? 1 : 0;
                allowedB += b.get("api/v1/entitlements/summary").key(key).send().status() == 200 ? 1 : 0;
            }
            long elapsedSeconds = Duration.between(start, Instant.now()).toSeconds() + 1;

            // Separate in-memory buckets would have let all 100 through (50 per instance).
            assertThat(allowedA + allowedB).isBetween(60, 60 + (int) elapsedSeconds);
            assertThat(allowedA).isLessThan(50);
            assertThat(allowedB).isLessThan(50);
            Http.Reply refusedByA = a.get("api/v1/entitlements/summary").key(key).send();
            Http.Reply refusedByB = b.get("api/v1/entitlements/summary").key(key).send();
            assertThat(List.of(refusedByA.status(), refusedByB.status())).contains(429);
        }
    }

}
