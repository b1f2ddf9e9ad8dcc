package dev.gatehouse.entitlements;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The immutable list of features and tiers (plans) that entitlement checks and rate limits are
 * evaluated against.
 *
 * <p>A catalog is written as {@link Properties}:
 * <pre>{@code
 * features=posts,api_calls,storage,sso
 * feature.posts.kind=counted
 * feature.posts.description=Post
 * feature.api_calls.kind=metered
 * feature.api_calls.reset=monthly
 * feature.storage.kind=quantity
 * feature.storage.unit=bytes
 * feature.sso.kind=flag
 * tiers=free,pro
 * tier.free.rate.per-minute=60
 * tier.free.limit.posts=10
 * tier.free.limit.sso=off
 * tier.pro.rate.per-minute=5000
 * tier.pro.rate.burst=0.3
 * tier.pro.limit.posts=1000
 * tier.pro.limit.posts.type=hard
 * tier.pro.limit.api_calls=100000
 * tier.pro.limit.api_calls.type=soft
 * tier.pro.limit.storage=unlimited
 * tier.pro.limit.sso=on
 * }</pre>
 * Feature kinds are {@code counted}, {@code metered} (needs {@code reset}: {@code daily},
 * {@code weekly}, {@code monthly} or {@code yearly}), {@code quantity} (needs {@code unit}) and
 * {@code flag}. A limit is a non-negative integer, {@code unlimited}, or for flags {@code on}/
 * {@code off}; its {@code .type} is {@code hard} (the default) or {@code soft}. The burst is a
 * fraction ({@code 0.3} = 30 %, default 0). Tiers are listed from the lowest to the highest; a
 * feature a tier does not mention is not part of that plan. Feature keys and tier names are lower
 * case letters, digits, {@code _} and {@code -}. Any property the parser does not recognise is an
 * error, so that a typo never silently drops a limit; every error is a {@link CatalogException}
 * naming the property and the value.
 */
public final class PlanCatalog {

    /** Classpath location of the catalog returned by {@link #defaults()}. */
    public static final String DEFAULT_RESOURCE = "/dev/gatehouse/entitlements/default-plans.properties";

    private final List<Feature> features;
    private final Map<String, Feature> featuresByKey;
    private final List<Tier> tiers;
    private final Map<String, Tier> tiersByName;

    private PlanCatalog(Map<String, Feature> featuresByKey, Map<String, Tier> tiersByName) {
        this.featuresByKey = Collections.unmodifiableMap(featuresByKey);
        this.tiersByName = Collections.unmodifiableMap(tiersByName);
        this.features = List.copyOf(featuresByKey.values());
        this.tiers = List.copyOf(tiersByName.values());
    }

    /**
     * The catalog shipped with Gatehouse ({@value #DEFAULT_RESOURCE}): tiers free, starter, pro,
     * business, agency and enterprise with the features posts, api_calls, storage, webhooks, sso and mcp_calls.
     *
     * @return the shared default catalog
     */
    public static PlanCatalog defaults() {
        return Defaults.CATALOG;
    }

    /**
     * Reads a catalog from properties in the format described on this class.
     *
     * @param properties the catalog
     * @return the catalog
     * @throws CatalogException naming the first invalid, missing or unknown property
     */
    public static PlanCatalog parse(Properties properties) {
        Objects.requireNonNull(properties, "properties");
        return new CatalogParser(properties).parse();
    }

    /**
     * Reads a catalog from a UTF-8 properties file.
     *
     * @param file the file
     * @return the catalog
     * @throws CatalogException if the file cannot be read (with the {@link IOException} as cause)
     *                          or is invalid
     */
    public static PlanCatalog load(Path file) {
        Objects.requireNonNull(file, "file");
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return load(reader);
        } catch (IOException | UncheckedIOException e) {
            throw new CatalogException("Cannot read plan catalog " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a catalog from a reader of properties text. The reader is not closed.
     *
     * @param reader the text
     * @return the catalog
     * @throws CatalogException if the text cannot be read or is invalid
     */
    public static PlanCatalog load(Reader reader) {
        Objects.requireNonNull(reader, "reader");
        var properties = new Properties();
        try {
            properties.load(reader);
        } catch (IOException e) {
            throw new CatalogException("Cannot read plan catalog: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // Properties reports a malformed \\uXXXX escape this way.
            throw new CatalogException("Plan catalog is not valid properties text: " + e.getMessage(), e);
        }
        return parse(properties);
    }

    /**
     * Builds a catalog from values, for hosts that keep plans elsewhere.
     *
     * @param features the features, keys unique
     * @param tiers    the tiers from the lowest to the highest, names unique, at least one
     * @return the catalog
     * @throws CatalogException if a key or name repeats, there is no tier, a tier limits a feature
     *                          that is not in {@code features}, or a flag's limit is not on/off
     */
    public static PlanCatalog of(List<Feature> features, List<Tier> tiers) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(tiers, "tiers");
        var featuresByKey = new LinkedHashMap<String, Feature>();
        for (Feature feature : features) {
            if (featuresByKey.putIfAbsent(feature.key(), feature) != null) {
                throw new CatalogException("Plan catalog declares feature '" + feature.key() + "' twice");
            }
        }
        if (tiers.isEmpty()) {
            throw new CatalogException("Plan catalog declares no tier");
        }
        var tiersByName = new LinkedHashMap<String, Tier>();
        for (Tier tier : tiers) {
            if (tiersByName.putIfAbsent(tier.name(), tier) != null) {
                throw new CatalogException("Plan catalog declares tier '" + tier.name() + "' twice");
            }
            for (FeatureLimit limit : tier.limits().values()) {
                Feature feature = featuresByKey.get(limit.feature());
                if (feature == null) {
                    throw new CatalogException("Tier '" + tier.name() + "' limits unknown feature '"
                            + limit.feature() + "'");
                }
                if (feature.kind() == FeatureKind.FLAG && !isFlagLimit(limit)) {
                    throw new CatalogException("Tier '" + tier.name() + "' gives flag '" + limit.feature()
                            + "' the limit " + limit.type() + " " + limit.limit() + "; a flag is on (1) or off (0)");
                }
            }
        }
        return new PlanCatalog(featuresByKey, tiersByName);
    }

    /**
     * Looks up a tier.
     *
     * @param name the tier name, e.g. {@code pro}
     * @return the tier, or empty if the catalog has none of that name (or {@code name} is null)
     */
    public Optional<Tier> tier(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(tiersByName.get(name));
    }

    /**
     * The tiers in the order the catalog lists them, from the lowest (free) to the highest
     * (enterprise).
     *
     * @return an unmodifiable list, never empty
     */
    public List<Tier> tiers() {
        return tiers;
    }

    /**
     * Looks up a feature.
     *
     * @param key the feature key, e.g. {@code api_calls}
     * @return the feature, or empty if the catalog has none of that key (or {@code key} is null)
     */
    public Optional<Feature> feature(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(featuresByKey.get(key));
    }

    /**
     * The features in the order the catalog lists them.
     *
     * @return an unmodifiable list
     */
    public List<Feature> features() {
        return features;
    }

    /** The tier that unknown tier names fall back to for rate limiting: {@code free}, else the lowest tier. */
    Tier fallbackTier() {
        Tier free = tiersByName.get("free");
        return free != null ? free : tiers.get(0);
    }

    static boolean isFlagLimit(FeatureLimit limit) {
        return limit.type() == LimitType.UNLIMITED
                || (limit.type() == LimitType.HARD && (limit.limit() == 0 || limit.limit() == 1));
    }

    /** Loaded on first use and shared: a catalog is immutable. */
    private static final class Defaults {
        static final PlanCatalog CATALOG = read();

        private static PlanCatalog read() {
            InputStream in = PlanCatalog.class.getResourceAsStream(DEFAULT_RESOURCE);
            if (in == null) {
                throw new CatalogException("Default plan catalog " + DEFAULT_RESOURCE + " is not on the classpath");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return load(reader);
            } catch (IOException e) {
                throw new CatalogException("Cannot read default plan catalog " + DEFAULT_RESOURCE, e);
            }
        }
    }
}
