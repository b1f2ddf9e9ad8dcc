package dev.gatehouse.rest.platform.control;

import dev.gatehouse.entitlements.PlanCatalog;
import dev.gatehouse.entitlements.Tier;
import dev.gatehouse.keys.ApiKeys;
import dev.gatehouse.keys.ScopeCatalog;
import dev.gatehouse.keys.Users;
import dev.gatehouse.keys.Workspaces;
import dev.gatehouse.rest.keys.control.JpaApiKeyStore;
import dev.gatehouse.rest.keys.control.JpaAuditSink;
import dev.gatehouse.rest.keys.control.JpaUserStore;
import dev.gatehouse.rest.workspaces.control.JpaWorkspaceStore;
import dev.gatehouse.rest.cluster.control.CacheChanges;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * Builds the cores' facades once per application from configuration and the JPA stores. This is
 * where a deployment's settings ({@code gatehouse.*}) meet the framework-free cores. The facades
 * are final classes, so they are {@code @Singleton} (no client proxy) rather than application scoped.
 */
@ApplicationScoped
public class CoreProducers {

    @Inject
    Config config;

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    SecureRandom random() {
        return new SecureRandom();
    }

    @Produces
    @Singleton
    ScopeCatalog scopeCatalog() {
        ScopeCatalog.Builder builder = ScopeCatalog.builder();
        for (String[] scope : appScopes()) {
            builder.add(scope[0], scope[1]);
        }
        return builder.build();
    }

    @Produces
    @Singleton
    ApiKeys apiKeys(JpaApiKeyStore store, JpaAuditSink audit, ScopeCatalog scopes, PlanCatalog plans, Clock clock,
                    SecureRandom random, CacheChanges changes) {
        return ApiKeys.builder()
                .changeListener(changes)
                .store(store)
                .tiers(tierNames(plans))
                .audit(audit)
                .scopes(scopes)
                .clock(clock)
                .random(random)
                .workspaceKeyPrefix(string("gatehouse.keys.prefix", "sk_live_"))
                .userKeyPrefix(string("gatehouse.keys.user-prefix", "sk_user_"))
                .maxActiveKeysPerUser(integer("gatehouse.keys.max-active-per-user", 10))
                .positiveCacheTtl(Duration.ofSeconds(integer("gatehouse.keys.cache-seconds", 30)))
                .negativeCacheTtl(Duration.ofSeconds(integer("gatehouse.keys.negative-cache-seconds", 60)))
                .build();
    }

    @Produces
    @Singleton
    Workspaces workspaces(JpaWorkspaceStore store, PlanCatalog plans, Clock clock, CacheChanges changes) {
        return Workspaces.builder().store(store).clock(clock).tiers(tierNames(plans)).changeListener(changes).build();
    }

    /** The plan catalog is the one source of tier names; the key and workspace rules take them from it. */
    static List<String> tierNames(PlanCatalog plans) {
        return plans.tiers().stream().map(Tier::name).toList();
    }

    @Produces
    @Singleton
    Users users(ApiKeys keys, JpaUserStore store, JpaAuditSink audit, Clock clock, SecureRandom random) {
        List<String> readScopes = new ArrayList<>();
        List<String> allAppScopes = new ArrayList<>();
        for (String[] scope : appScopes()) {
            allAppScopes.add(scope[0]);
            if (scope[0].endsWith(":read")) {
                readScopes.add(scope[0]);
            }
        }
        List<String> restricted = list("gatehouse.users.restricted-scopes", readScopes);
        List<String> verified = list("gatehouse.users.verified-scopes", allAppScopes);
        return Users.builder()
                .keys(keys)
                .store(store)
                .audit(audit)
                .clock(clock)
                .random(random)
                .restrictedScopes(restricted)
                .verifiedScopes(verified)
                .dailyBootstrapQuota(integer("gatehouse.users.daily-bootstrap-quota", 50))
                .build();
    }

    /** {@code gatehouse.app-scopes}: the deploying app's scopes, {@code name=description} pairs separated by {@code ;}. */
    List<String[]> appScopes() {
        String value = string("gatehouse.app-scopes", "");
        List<String[]> out = new ArrayList<>();
        for (String entry : value.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String name = (eq < 0 ? entry : entry.substring(0, eq)).trim();
            String description = eq < 0 ? name : entry.substring(eq + 1).trim();
            out.add(new String[] {name, description});
        }
        return out;
    }

    private String string(String name, String fallback) {
        return config.getOptionalValue(name, String.class).orElse(fallback);
    }

    private int integer(String name, int fallback) {
        return config.getOptionalValue(name, Integer.class).orElse(fallback);
    }

    private List<String> list(String name, List<String> fallback) {
        return config.getOptionalValue(name, String.class)
                .map(v -> List.of(v.trim().isEmpty() ? new String[0] : v.trim().split("\\s*,\\s*")))
                .orElse(fallback);
    }
}
