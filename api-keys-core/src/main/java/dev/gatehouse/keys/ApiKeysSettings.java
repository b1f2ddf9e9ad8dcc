package dev.gatehouse.keys;

import dev.gatehouse.errors.BuilderSettings;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The settings {@link ApiKeys.Builder} collects, each with its default and its check: the one
 * place an API-key default lives. Package-private; its public setters are reached through
 * {@link ApiKeys.Builder}, as {@code StringBuilder}'s are through its package-private base.
 */
abstract class ApiKeysSettings {

    private final BuilderSettings settings = new BuilderSettings();

    ApiKeyStore store;
    AuditSink audit;
    ScopeCatalog scopes = ScopeCatalog.builtIn();
    Clock clock = Clock.systemUTC();
    SecureRandom random;
    String workspaceKeyPrefix = KeyType.WORKSPACE.defaultPrefix();
    String userKeyPrefix = KeyType.USER.defaultPrefix();
    Duration positiveCacheTtl = ApiKeys.MAX_POSITIVE_CACHE_TTL;
    Duration negativeCacheTtl = ApiKeys.MAX_NEGATIVE_CACHE_TTL;
    int maxActiveKeysPerUser = 10;
    Duration lastUsedWriteInterval = Duration.ofMinutes(1);
    int maximumCacheSize = 100_000;
    Tiers tiers = Tiers.STANDALONE;
    ChangeListener changes = ChangeListener.NONE;

    /**
     * Sets the key store (required).
     *
     * @param store the store
     * @return this builder
     */
    public ApiKeys.Builder store(ApiKeyStore store) {
        settings.once("store");
        this.store = BuilderSettings.requireNonNull("store", store);
        return self();
    }

    /**
     * Sets where audit events go (required).
     *
     * @param audit the sink
     * @return this builder
     */
    public ApiKeys.Builder audit(AuditSink audit) {
        settings.once("audit");
        this.audit = BuilderSettings.requireNonNull("audit", audit);
        return self();
    }

    /**
     * Sets the scope catalog; default {@link ScopeCatalog#builtIn()}.
     *
     * @param scopes the catalog
     * @return this builder
     */
    public ApiKeys.Builder scopes(ScopeCatalog scopes) {
        settings.once("scopes");
        this.scopes = BuilderSettings.requireNonNull("scopes", scopes);
        return self();
    }

    /**
     * Sets the clock; default {@link Clock#systemUTC()}.
     *
     * @param clock the clock
     * @return this builder
     */
    public ApiKeys.Builder clock(Clock clock) {
        settings.once("clock");
        this.clock = BuilderSettings.requireNonNull("clock", clock);
        return self();
    }

    /**
     * Sets the source of key material; default a new {@link SecureRandom}.
     *
     * @param random the random source
     * @return this builder
     */
    public ApiKeys.Builder random(SecureRandom random) {
        settings.once("random");
        this.random = BuilderSettings.requireNonNull("random", random);
        return self();
    }

    /**
     * Sets the prefix of workspace keys; default {@code sk_live_}.
     *
     * @param prefix matches {@code [a-z][a-z0-9]*(_[a-z0-9]+)*_}, at most 16 characters
     * @return this builder
     */
    public ApiKeys.Builder workspaceKeyPrefix(String prefix) {
        settings.once("workspaceKeyPrefix");
        this.workspaceKeyPrefix = KeyFormat.checkPrefix("workspaceKeyPrefix", prefix);
        return self();
    }

    /**
     * Sets the prefix of user keys; default {@code sk_user_}.
     *
     * @param prefix matches {@code [a-z][a-z0-9]*(_[a-z0-9]+)*_}, at most 16 characters
     * @return this builder
     */
    public ApiKeys.Builder userKeyPrefix(String prefix) {
        settings.once("userKeyPrefix");
        this.userKeyPrefix = KeyFormat.checkPrefix("userKeyPrefix", prefix);
        return self();
    }

    /**
     * Sets how long a found key is cached per instance; default and maximum 30 s, 0 disables.
     *
     * @param ttl between 0 and 30 seconds
     * @return this builder
     */
    public ApiKeys.Builder positiveCacheTtl(Duration ttl) {
        settings.once("positiveCacheTtl");
        this.positiveCacheTtl = checkTtl("positiveCacheTtl", ttl, ApiKeys.MAX_POSITIVE_CACHE_TTL);
        return self();
    }

    /**
     * Sets how long an unknown key is cached per instance; default and maximum 60 s, 0 disables.
     *
     * @param ttl between 0 and 60 seconds
     * @return this builder
     */
    public ApiKeys.Builder negativeCacheTtl(Duration ttl) {
        settings.once("negativeCacheTtl");
        this.negativeCacheTtl = checkTtl("negativeCacheTtl", ttl, ApiKeys.MAX_NEGATIVE_CACHE_TTL);
        return self();
    }

    /**
     * Sets how many active keys one end user may hold; default 10.
     *
     * @param max at least 1
     * @return this builder
     */
    public ApiKeys.Builder maxActiveKeysPerUser(int max) {
        settings.once("maxActiveKeysPerUser");
        this.maxActiveKeysPerUser = (int) BuilderSettings.requireAtLeast("maxActiveKeysPerUser", max, 1);
        return self();
    }

    /**
     * Sets how often at most one key's last use is queued for writing; default 1 minute.
     *
     * @param interval positive
     * @return this builder
     */
    public ApiKeys.Builder lastUsedWriteInterval(Duration interval) {
        settings.once("lastUsedWriteInterval");
        BuilderSettings.requireNonNull("lastUsedWriteInterval", interval);
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("lastUsedWriteInterval must be positive but was " + interval);
        }
        this.lastUsedWriteInterval = interval;
        return self();
    }

    /**
     * Sets how many lookups each of the found and unknown caches holds before evicting the
     * oldest; default 100,000.
     *
     * @param size at least 1
     * @return this builder
     */
    public ApiKeys.Builder maximumCacheSize(int size) {
        settings.once("maximumCacheSize");
        if (size < 1) {
            throw new IllegalArgumentException("maximumCacheSize must be at least 1 but was " + size);
        }
        this.maximumCacheSize = size;
        return self();
    }

    /**
     * Sets the plan tiers a key's {@code rate_limit_tier} may name, lowest first. A host with a plan
     * catalog passes the catalog's tier names, so the catalog stays the one source of them.
     * Default: only {@code free}.
     *
     * @param names the tier names, not empty, none blank or repeated
     * @return this builder
     * @throws IllegalArgumentException if the list is empty or a name is blank or repeated
     */
    public ApiKeys.Builder tiers(List<String> names) {
        settings.once("tiers");
        this.tiers = Tiers.of(names);
        return self();
    }

    /**
     * Sets who is told of changes that can deny access (revocation, rotation, expiry and scope
     * changes), e.g. to announce them to other instances; default {@link ChangeListener#NONE}.
     *
     * @param listener the listener
     * @return this builder
     */
    public ApiKeys.Builder changeListener(ChangeListener listener) {
        settings.once("changeListener");
        this.changes = Objects.requireNonNull(listener, "changeListener must not be null");
        return self();
    }

    private ApiKeys.Builder self() {
        return (ApiKeys.Builder) this;
    }

    private static Duration checkTtl(String setting, Duration ttl, Duration max) {
        Objects.requireNonNull(ttl, setting + " must not be null");
        if (ttl.isNegative() || ttl.compareTo(max) > 0) {
            throw new IllegalArgumentException(setting + " must be between PT0S and " + max + " but was " + ttl);
        }
        return ttl;
    }
}
