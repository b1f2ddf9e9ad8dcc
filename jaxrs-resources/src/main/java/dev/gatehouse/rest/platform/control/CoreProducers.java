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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds the cores' facades once per application from configuration and the JPA stores. This is
 * where a deployment's settings ({@code gatehouse.*}) meet the framework-free cores: a setting is
 * handed to a builder only when it is configured, so every default is the core builder's own (the
 * one place it is written). The facades are final classes, so they are {@code @Singleton} (no
 * client proxy) rather than application scoped.
 */
@ApplicationScoped
public class CoreProducers {

    @Inject
    @ConfigProperty(name = "gatehouse.keys.prefix")
    Optional<String> workspaceKeyPrefix;

    @Inject
    @ConfigProperty(name = "gatehouse.keys.user-prefix")
    Optional<String> userKeyPrefix;

    @Inject
    @ConfigProperty(name = "gatehouse.keys.max-active-per-user")
    Optional<Integer> maxActivePerUser;

    @Inject
    @ConfigProperty(name = "gatehouse.keys.cache-seconds")
    Optional<Long> cacheSeconds;

    @Inject
    @ConfigProperty(name = "gatehouse.keys.negative-cache-seconds")
    Optional<Long> negativeCacheSeconds;

    /** The deploying app's scopes, {@code name=description} pairs separated by {@code ;}. */
    @Inject
    @ConfigProperty(name = "gatehouse.app-scopes")
    Optional<String> appScopes;

    /** Default: the {@code :read} scopes of {@code gatehouse.app-scopes}. */
    @Inject
    @ConfigProperty(name = "gatehouse.users.restricted-scopes")
    Optional<String> restrictedScopes;

    /** Default: every scope of {@code gatehouse.app-scopes}. */
    @Inject
    @ConfigProperty(name = "gatehouse.users.verified-scopes")
    Optional<String> verifiedScopes;

    @Inject
    @ConfigProperty(name = "gatehouse.users.daily-bootstrap-quota")
    Optional<Integer> dailyBootstrapQuota;

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
        ApiKeys.Builder builder = ApiKeys.builder()
                .changeListener(changes)
                .store(store)
                .tiers(tierNames(plans))
                .audit(audit)
                .scopes(scopes)
                .clock(clock)
                .random(random);
        workspaceKeyPrefix.ifPresent(builder::workspaceKeyPrefix);
        userKeyPrefix.ifPresent(builder::userKeyPrefix);
        maxActivePerUser.ifPresent(builder::maxActiveKeysPerUser);
        cacheSeconds.map(Duration::ofSeconds).ifPresent(builder::positiveCacheTtl);
        negativeCacheSeconds.map(Duration::ofSeconds).ifPresent(builder::negativeCacheTtl);
        return builder.build();
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
        Users.Builder builder = Users.builder()
                .keys(keys)
                .store(store)
                .audit(audit)
                .clock(clock)
                .random(random)
                .restrictedScopes(restrictedScopes.map(CoreProducers::trimmed).orElse(readScopes))
                .verifiedScopes(verifiedScopes.map(CoreProducers::trimmed).orElse(allAppScopes));
        dailyBootstrapQuota.ifPresent(builder::dailyBootstrapQuota);
        return builder.build();
    }

    /** {@code gatehouse.app-scopes}: the deploying app's scopes, {@code name=description} pairs separated by {@code ;}. */
    List<String[]> appScopes() {
        String value = appScopes == null ? "" : appScopes.orElse("");
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

    /**
     * A comma list of scope names. Read as one string: Payara's producer of {@code Optional<List<…>>}
     * fails ("ParameterizedTypeImpl cannot be cast to Class"), and servers differ in trimming the parts.
     */
    private static List<String> trimmed(String names) {
        return Arrays.stream(names.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList();
    }
}
