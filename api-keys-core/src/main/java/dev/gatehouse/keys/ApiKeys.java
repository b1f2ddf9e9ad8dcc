package dev.gatehouse.keys;

import dev.gatehouse.errors.ValidationException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The API-key facade: issues, verifies, rotates, updates and revokes keys.
 *
 * <p>{@link #verify(String)} is the request path. It rejects a malformed value before touching
 * cache or store, hashes a well-formed one once, and answers from a per-instance cache when it
 * can: found keys for at most {@link Builder#positiveCacheTtl(Duration) 30 s}, unknown ones for
 * at most {@link Builder#negativeCacheTtl(Duration) 60 s}; revocation and expiry are judged
 * against the clock on every call. A change made on this instance invalidates its cache at once;
 * one made elsewhere shows within those bounds, or as soon as the {@link ChangeListener} that
 * announced it there reaches {@link #invalidate(long)} here. Callers that run the mutating methods
 * inside a transaction should call {@link #invalidate(long)} again after it commits.
 *
 * <p>A load that began before an invalidation never caches what it read after it.
 *
 * <p>A cache hit does this, in order, and allocates at most the digest object: prefix and length
 * are matched; one pass over the remaining characters checks that they are base62; they are
 * copied as bytes into a per-thread buffer and the CRC32 of those bytes is compared with the
 * key's checksum, so a malformed value is refused before any hashing; SHA-256 hashes the buffer
 * with a per-thread engine and writes the digest back into it; the clock is read once (millis, no
 * {@link Instant}); one {@code ConcurrentHashMap} lookup by digest, whose hash code is the
 * digest's first four bytes and whose equality compares all 32 bytes in constant time; then the
 * cached key's revocation and expiry, and the last-use throttle: a volatile read, which becomes a
 * compare-and-set and a map write at most once per key and
 * {@link Builder#lastUsedWriteInterval(Duration) interval}.
 *
 * <p>The mutating methods take the acting key ({@code actor}), which can never hand out scopes it
 * does not hold, and an {@link Actor} for the audit log ({@code null} means
 * {@link Actor#system()}). Instances are thread-safe. Behind the facade, the package-private
 * {@code VerificationCache} owns the request path and {@code KeyLifecycle} the changes.
 */
public final class ApiKeys {

    static final Duration MAX_POSITIVE_CACHE_TTL = Duration.ofSeconds(30);
    static final Duration MAX_NEGATIVE_CACHE_TTL = Duration.ofSeconds(60);

    private final ScopeCatalog catalog;
    private final Clock clock;
    private final KeyFormat format;
    private final VerificationCache cache;
    private final KeyLifecycle lifecycle;
    private final Duration positiveCacheTtl;

    private ApiKeys(Builder b) {
        this.catalog = b.scopes;
        this.clock = b.clock;
        this.format = new KeyFormat(KeyType.ROOT.defaultPrefix(), b.workspaceKeyPrefix, b.userKeyPrefix);
        this.positiveCacheTtl = b.positiveCacheTtl;
        this.cache = new VerificationCache(b.store, b.audit, format, b.clock, b.positiveCacheTtl, b.negativeCacheTtl,
            b.lastUsedWriteInterval, b.maximumCacheSize);
        this.lifecycle = new KeyLifecycle(b.store, b.audit, catalog, b.tiers, b.clock,
            b.random != null ? b.random : new SecureRandom(), format, b.maxActiveKeysPerUser, cache, b.changes);
    }

    /**
     * How long this instance may answer from a cached key: the bound on how stale anything cached
     * alongside keys (such as the workspace a key acts in) may be when changes cannot be heard.
     *
     * @return the configured {@link Builder#positiveCacheTtl(Duration)}
     */
    public Duration positiveCacheTtl() {
        return positiveCacheTtl;
    }

    /**
     * Starts a builder.
     *
     * @return a new builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the lowercase hex SHA-256 of a key's UTF-8 bytes, the form in which keys are stored.
     *
     * @param key a raw key
     * @return 64 lowercase hex characters
     */
    public static String sha256Hex(String key) {
        Objects.requireNonNull(key, "key");
        return Digest.sha256Hex(key);
    }

    /**
     * Returns the part of a key that is safe to display and log: its first 12 characters at most.
     *
     * @param key a raw key
     * @return for example {@code sk_live_AbC1}
     */
    public static String displayPrefix(String key) {
        Objects.requireNonNull(key, "key");
        return KeyFormat.displayPrefix(key);
    }

    /**
     * Returns the scope catalog keys are validated against.
     *
     * @return the catalog
     */
    public ScopeCatalog scopeCatalog() {
        return catalog;
    }

    /**
     * Returns the prefix keys of a type start with on this instance.
     *
     * @param type the key type
     * @return the configured prefix
     */
    public String prefix(KeyType type) {
        return format.prefix(Objects.requireNonNull(type, "type"));
    }

    /**
     * Returns whether a value has the shape of a key: a configured prefix, the right length, base62
     * characters and a matching checksum. Touches neither cache nor store.
     *
     * @param presented the value, may be null
     * @return true if well-formed
     */
    public boolean isWellFormed(String presented) {
        return format.typeOf(presented) != null;
    }

    /**
     * Returns the type encoded in a well-formed key's prefix.
     *
     * @param presented the value
     * @return its type
     * @throws MalformedKeyException if the value is not a well-formed key (the message does not
     *     repeat it)
     */
    public KeyType typeOf(String presented) {
        KeyType type = format.typeOf(presented);
        if (type == null) {
            throw new MalformedKeyException("Not a well-formed API key: " + format.problemWith(presented));
        }
        return type;
    }

    /**
     * Verifies a presented key. Malformed values never reach cache or store; found keys are cached
     * for at most the positive TTL and unknown ones for at most the negative TTL; revocation and
     * expiry are judged at every call against the clock. A valid use is noted in memory for
     * {@link #flushLastUsed()}; repeated failures of one key are audited as
     * {@code auth.failures_burst}, at most once a minute.
     *
     * @param presented the value from the request, may be null
     * @return the outcome; never null
     */
    public Verification verify(String presented) {
        return cache.verify(presented);
    }

    /**
     * Writes the noted last uses through {@link ApiKeyStore#recordLastUsed(Map)}. Meant for a
     * scheduler, never the request path. If the store fails, the uses stay pending and the exception
     * propagates.
     *
     * @return how many keys were written; 0 without a store call when nothing was pending
     */
    public int flushLastUsed() {
        return cache.flushLastUsed();
    }

    /**
     * Drops this instance's cached lookups of one key, so its next verification reads the store.
     *
     * @param keyId the key id
     */
    public void invalidate(long keyId) {
        cache.invalidate(keyId);
    }

    /**
     * Drops this instance's cached lookups of a workspace's keys, e.g. once it has been deleted.
     *
     * @param workspaceId the workspace id
     */
    public void invalidateWorkspace(long workspaceId) {
        cache.invalidateWorkspace(workspaceId);
    }

    /** Drops every cached lookup of this instance, found and unknown keys alike. */
    public void invalidateAll() {
        cache.invalidateAll();
    }

    /**
     * Issues a workspace or user key.
     *
     * <p>Checks, in order: the fields ({@code name} required, not blank, at most 255 characters;
     * every scope known to the catalog, {@code ["read", "write"]} when null; {@code expires_at} in
     * the future; {@code rate_limit_tier} null or a known tier), then that the acting key covers
     * every requested scope, then for a {@link KeyType#USER} key with a user the per-user limit of
     * active keys.
     *
     * @param request what to issue
     * @param actor the acting key, whose scopes bound the new key's; null only for platform code
     *     that issues on its own authority
     * @param who who acts, for the audit log; {@code createdBy} is the actor's id, else who's
     * @return the stored key and its secret, shown once
     * @throws ValidationException if a field breaks a rule
     * @throws ScopeEscalationException if the actor does not hold a requested scope
     * @throws KeyLimitReachedException if the user has the maximum of active keys
     * @throws IllegalArgumentException for a {@link KeyType#ROOT} request or a missing workspace
     */
    public IssuedKey issue(KeyRequest request, ApiKey actor, Actor who) {
        Objects.requireNonNull(request, "request");
        Actor by = Actor.orSystem(who);
        return lifecycle.issue(request, actor, actor != null ? Long.valueOf(actor.id()) : by.keyId(), by);
    }

    /** Issues with a creator that may differ from the escalation actor (platform scope sets). */
    IssuedKey issue(KeyRequest request, ApiKey escalationActor, Long createdBy, Actor who) {
        return lifecycle.issue(request, escalationActor, createdBy, who);
    }

    /**
     * Creates a root key (scope {@code *}, no workspace), at start-up when
     * {@link ApiKeyStore#existsRootKey()} is false. With a preset key (such as
     * {@code GATEHOUSE_BOOTSTRAP_KEY}) that key is used; if it is stored already, it is returned
     * without inserting anything.
     *
     * @param presetKeyOrNull a well-formed root key to use, or null to generate one
     * @param who who acts, usually {@link Actor#system()} or null
     * @return the root key and its secret (the preset when one was given)
     * @throws MalformedKeyException if the preset is not a well-formed root key; the message
     *     explains the format without repeating the value
     */
    public IssuedKey issueRoot(String presetKeyOrNull, Actor who) {
        return lifecycle.issueRoot(presetKeyOrNull, who);
    }

    /**
     * Rotates a key: issues a replacement with the same name, scopes, tier, type, workspace, user,
     * expiry and creator, and lets the old key work until the grace period ends (or its own expiry,
     * if earlier). A zero grace period ends the old key now.
     *
     * @param workspaceId the caller's workspace, or null for a root caller acting anywhere
     * @param keyId the key to rotate
     * @param grace how long both keys work; null for 24 hours; 0 to 720 hours
     * @param actor the acting key, which must cover the old key's scopes; null for platform code
     * @param who who acts, for the audit log
     * @return the replacement (with its secret), the old key as now stored and the grace end
     * @throws ValidationException on {@code grace_period_hours} out of range, or
     *     {@code expires_at} if the key has already expired
     * @throws KeyNotFoundException if the key is missing, revoked or outside the workspace
     * @throws ScopeEscalationException if the actor does not hold the key's scopes
     */
    public Rotation rotate(Long workspaceId, long keyId, Duration grace, ApiKey actor, Actor who) {
        return lifecycle.rotate(workspaceId, keyId, grace, actor, who);
    }

    /**
     * Revokes a key at once. Revoking an already revoked key is a not-found, as is a key outside
     * the workspace.
     *
     * @param workspaceId the caller's workspace, or null for a root caller acting anywhere
     * @param keyId the key to revoke
     * @param who who acts, for the audit log
     * @return the key as now stored
     * @throws KeyNotFoundException if the key is missing, already revoked or outside the workspace
     */
    public ApiKey revoke(Long workspaceId, long keyId, Actor who) {
        return lifecycle.revoke(workspaceId, keyId, who);
    }

    /**
     * The operator path: revokes every not yet revoked key the given key issued (expired ones too,
     * so that a later expiry change cannot revive them). Revocation is otherwise non-cascading; this
     * goes one level deep.
     *
     * @param creatorKeyId the issuing key
     * @param who who acts, for the audit log
     * @return the keys revoked now, by ascending id
     */
    public List<ApiKey> revokeMintedBy(long creatorKeyId, Actor who) {
        return lifecycle.revokeMintedBy(creatorKeyId, who);
    }

    /**
     * Changes a key's name, scopes or expiry. Scopes may only be narrowed: the new set must be
     * covered by the key's current scopes and by the acting key's.
     *
     * @param workspaceId the caller's workspace, or null for a root caller acting anywhere
     * @param keyId the key to change
     * @param patch what to change
     * @param actor the acting key; null for platform code
     * @param who who acts, for the audit log
     * @return the key as now stored
     * @throws KeyNotFoundException if the key is missing, revoked or outside the workspace
     * @throws ValidationException on {@code name}, {@code scopes} (unknown, or wider than now) or
     *     {@code expires_at} (in the past, or the key was rotated)
     * @throws ScopeEscalationException if the actor does not hold the new scopes
     */
    public ApiKey update(Long workspaceId, long keyId, KeyPatch patch, ApiKey actor, Actor who) {
        return lifecycle.update(workspaceId, keyId, patch, actor, who);
    }

    /**
     * Replaces a key's scopes with a platform-defined set, without an escalation check: when an end
     * user verifies, {@link Users} moves their key from the restricted to the verified scope set.
     */
    ApiKey upgradeScopes(long keyId, Collection<String> scopes, Actor who) {
        Objects.requireNonNull(scopes, "scopes");
        return lifecycle.upgradeScopes(keyId, scopes, who);
    }

    /**
     * Finds a key, revoked and expired ones included.
     *
     * @param workspaceId the caller's workspace, or null for a root caller acting anywhere
     * @param keyId the key id
     * @return the key, or empty if missing or outside the workspace
     */
    public Optional<ApiKey> find(Long workspaceId, long keyId) {
        return lifecycle.find(workspaceId, keyId);
    }

    Clock clock() {
        return clock;
    }

    int cachedFound() {
        return cache.cachedFound();
    }

    int cachedMissing() {
        return cache.cachedMissing();
    }

    /**
     * Configures {@link ApiKeys}. {@link #store(ApiKeyStore)} and {@link #audit(AuditSink)} are
     * required; every other setting has a default. Each setter checks its argument and fails with a
     * message naming the bad value.
     */
    public static final class Builder extends ApiKeysSettings {

        private Builder() {
        }

        /**
         * Builds the facade.
         *
         * @return a new, thread-safe instance
         * @throws IllegalStateException if the store or the audit sink is missing
         * @throws IllegalArgumentException if one configured prefix starts with another
         */
        public ApiKeys build() {
            if (store == null) {
                throw new IllegalStateException("store is required: call store(ApiKeyStore) before build()");
            }
            if (audit == null) {
                throw new IllegalStateException("audit is required: call audit(AuditSink) before build()");
            }
            return new ApiKeys(this);
        }
    }
}
