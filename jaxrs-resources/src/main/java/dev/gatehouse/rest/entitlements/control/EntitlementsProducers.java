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
import org.eclipse.microprofile.config.Config;

/**
 * Builds the entitlements facades once per application from configuration:
 * <ul>
 *   <li>{@code gatehouse.plans.file}: a plan catalog in the {@link PlanCatalog} properties format;
 *       default: the catalog shipped with Gatehouse;</li>
 *   <li>{@code gatehouse.entitlements.upgrade-url}: returned with every refusal; default none;</li>
 *   <li>{@code gatehouse.entitlements.max-quantity}: the largest quantity one call may carry
 *       (default 1 TiB = 1,099,511,627,776, so that a quantity in bytes, like the seed's 1 GiB of
 *       storage, fits);</li>
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

    /** 1 TiB: quantities in bytes are the largest the shipped catalog meters. */
    static final long DEFAULT_MAX_QUANTITY = 1L << 40;

    private static final Logger LOG = Logger.getLogger(EntitlementsProducers.class.getName());

    @Inject
    Config config;

    @Resource(lookup = "java:app/jdbc/gatehouse")
    DataSource dataSource;

    @Produces
    @Singleton
    PlanCatalog planCatalog() {
        Optional<String> file = string("gatehouse.plans.file");
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
        return Entitlements.builder()
                .catalog(catalog)
                .store(store)
                .clock(clock)
                .upgradeUrl(string("gatehouse.entitlements.upgrade-url").orElse(null))
                .maxQuantity(config.getOptionalValue("gatehouse.entitlements.max-quantity", Long.class)
                        .orElse(DEFAULT_MAX_QUANTITY))
                .listener(thresholds)
                // How long event ids are remembered for de-duplication; older ones are deleted by RetentionJobs.
                .eventRetention(Duration.ofDays(config.getOptionalValue(
                        "gatehouse.entitlements.event-retention-days", Long.class)
                        .orElse(Entitlements.Builder.DEFAULT_EVENT_RETENTION.toDays())))
                // One override lookup per check and recording otherwise; 30 s like the tier cache.
                .overrideCacheTtl(Duration.ofSeconds(config.getOptionalValue(
                        "gatehouse.entitlements.override-cache-seconds", Long.class).orElse(30L)))
                .build();
    }

    @Produces
    @Singleton
    RateLimiter rateLimiter(PlanCatalog catalog, Clock clock) {
        RateLimiter.Builder builder = RateLimiter.builder()
                .catalog(catalog)
                .clock(clock)
                .anonymousPerMinute(config.getOptionalValue("gatehouse.rate-limit.anonymous-per-minute", Long.class)
                        .orElse(RateLimiter.Builder.DEFAULT_ANONYMOUS_PER_MINUTE));
        String store = string("gatehouse.rate-limit.store").orElse("auto").toLowerCase(Locale.ROOT);
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

    private Optional<String> string(String name) {
        return config.getOptionalValue(name, String.class).map(String::trim).filter(v -> !v.isEmpty());
    }
}
