package dev.gatehouse.rest.entitlements.control;

import dev.gatehouse.entitlements.Entitlements;
import dev.gatehouse.entitlements.PlanCatalog;
import dev.gatehouse.entitlements.RateLimiter;
import dev.gatehouse.rest.platform.control.ConfiguredDataSource;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds the entitlements facades once per application from configuration:
 * <ul>
 *   <li>{@code gatehouse.plans.file}: a plan catalog in the {@link PlanCatalog} properties format;
 *       default: the catalog shipped with Gatehouse;</li>
 *   <li>{@code gatehouse.entitlements.upgrade-url}: returned with every refusal; default none;</li>
 *   <li>{@code gatehouse.entitlements.max-quantity}: the largest quantity one call may carry
 *       (default the core's, {@link Entitlements.Builder#DEFAULT_MAX_QUANTITY}: 1 TiB);</li>
 *   <li>{@code gatehouse.entitlements.event-retention-days}: how long event ids are remembered
 *       for de-duplication (default the core's, 35 days);</li>
 *   <li>{@code gatehouse.entitlements.override-cache-seconds}: how long a workspace's overrides
 *       are cached (default 30, like the tier cache; the core alone caches nothing, as it has no
 *       invalidation across instances);</li>
 *   <li>{@code gatehouse.rate-limit.anonymous-per-minute}: unauthenticated requests per client
 *       address (default 300);</li>
 *   <li>{@code gatehouse.rate-limit.store}: {@code auto} (default: {@code postgres} when the
 *       database is PostgreSQL, {@code memory} on H2), {@code memory} (buckets in this JVM, so each
 *       instance enforces the limit on its own) or {@code postgres} (Bucket4j's PostgreSQL proxy
 *       manager on the application's data source, table {@code rate_limit_buckets}: every instance
 *       on the database shares one bucket per key). PostgreSQL means several instances may share
 *       the database, and N separate in-memory limits would allow N times the plan's rate; the
 *       cost is one locked row read and write per authenticated request (BENCHMARKS.md). On a Payara Micro cluster, Bucket4j's JCache
 *       module over Payara's Hazelcast-backed JCache would be the in-memory shared alternative; it
 *       is not built because it ties the limit to cluster membership instead of the database every
 *       instance already shares.</li>
 * </ul>
 * The facades are final classes, so they are {@code @Singleton} (no client proxy).
 */
@ApplicationScoped
public class EntitlementsProducers {

    private static final Logger LOG = Logger.getLogger(EntitlementsProducers.class.getName());

    @Inject
    @ConfigProperty(name = "gatehouse.plans.file")
    Optional<String> plansFile;

    @Inject
    @ConfigProperty(name = "gatehouse.entitlements.upgrade-url")
    Optional<String> upgradeUrl;

    @Inject
    @ConfigProperty(name = "gatehouse.entitlements.max-quantity")
    Optional<Long> maxQuantity;

    @Inject
    @ConfigProperty(name = "gatehouse.entitlements.event-retention-days")
    Optional<Long> eventRetentionDays;

    @Inject
    @ConfigProperty(name = "gatehouse.entitlements.override-cache-seconds", defaultValue = "30")
    long overrideCacheSeconds;

    @Inject
    @ConfigProperty(name = "gatehouse.rate-limit.anonymous-per-minute")
    Optional<Long> anonymousPerMinute;

    @Inject
    @ConfigProperty(name = "gatehouse.rate-limit.store", defaultValue = "auto")
    String bucketStore;

    @Resource(lookup = "java:app/jdbc/gatehouse")
    DataSource dataSource;

    @Produces
    @Singleton
    PlanCatalog planCatalog() {
        Optional<String> file = trimmed(plansFile);
        if (file.isEmpty()) {
            return PlanCatalog.defaults();
        }
        PlanCatalog catalog = PlanCatalog.load(Path.of(file.get()));
        LOG.info("Plan catalog loaded from " + file.get() + ": " + catalog.tiers().size() + " tiers, "
                + catalog.features().size() + " features");
        return catalog;
    }

    @Produces
    @Singleton
    Entitlements entitlements(PlanCatalog catalog, JpaUsageStore store, Clock clock, ThresholdEvents thresholds) {
        Entitlements.Builder builder = Entitlements.builder()
                .catalog(catalog)
                .store(store)
                .clock(clock)
                .listener(thresholds)
                // One override lookup per check and recording otherwise.
                .overrideCacheTtl(Duration.ofSeconds(overrideCacheSeconds));
        trimmed(upgradeUrl).ifPresent(builder::upgradeUrl);
        maxQuantity.ifPresent(builder::maxQuantity);
        // Event ids older than this are deleted by RetentionJobs.
        eventRetentionDays.map(Duration::ofDays).ifPresent(builder::eventRetention);
        return builder.build();
    }

    @Produces
    @Singleton
    RateLimiter rateLimiter(PlanCatalog catalog, Clock clock) {
        RateLimiter.Builder builder = RateLimiter.builder()
                .catalog(catalog)
                .clock(clock);
        anonymousPerMinute.ifPresent(builder::anonymousPerMinute);
        String store = bucketStore.trim().toLowerCase(Locale.ROOT);
        if (store.equals("auto")) {
            store = ConfiguredDataSource.Settings.read().isH2() ? "memory" : "postgres";
        }
        switch (store) {
            case "memory" -> { }
            case "postgres" -> builder.shared(postgresBuckets(clock));
            default -> throw new IllegalStateException("gatehouse.rate-limit.store must be auto, memory or postgres but was '"
                    + store + "'");
        }
        LOG.info("Rate-limit buckets kept in " + (store.equals("memory") ? "memory (per instance)" : "PostgreSQL (shared)"));
        return builder.build();
    }

    /** The table {@code rate_limit_buckets} is created by migration V3. */
    ProxyManager<String> postgresBuckets(Clock clock) {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName();
            if (!product.startsWith("PostgreSQL")) {
                throw new IllegalStateException("gatehouse.rate-limit.store=postgres needs a PostgreSQL database"
                        + " (GATEHOUSE_DB_URL) but the database is " + product);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database for gatehouse.rate-limit.store=postgres: "
                    + e.getMessage(), e);
        }
        return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_buckets")
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                // A bucket untouched long enough to be full again says nothing and may be deleted.
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .clientClock(RateLimiter.timeMeter(clock))
                .build();
    }

    private static Optional<String> trimmed(Optional<String> setting) {
        return setting.map(String::trim).filter(v -> !v.isEmpty());
    }
}
