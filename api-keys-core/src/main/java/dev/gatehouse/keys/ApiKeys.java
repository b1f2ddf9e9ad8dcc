package dev.gatehouse.keys;

import dev.gatehouse.errors.BuilderSettings;
import dev.gatehouse.errors.ValidationException;
import dev.gatehouse.errors.FieldErrors;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BinaryOperator;

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
 * <p>Every invalidation advances a generation counter first; a store read that began before it
 * puts its result in the cache only if the generation has not moved by the time it is cached, so a
 * slow load of the old state can never outlive the invalidation that should have dropped it.
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
 * {@link Actor#system()}). Instances are thread-safe.
 */
public final class ApiKeys {

  static final Duration MAX_POSITIVE_CACHE_TTL = Duration.ofSeconds(30);
  static final Duration MAX_NEGATIVE_CACHE_TTL = Duration.ofSeconds(60);
  static final Duration DEFAULT_GRACE_PERIOD = Duration.ofHours(24);
  static final Duration MAX_GRACE_PERIOD = Duration.ofHours(720);
  static final List<String> DEFAULT_SCOPES = List.of(ScopeSet.READ, ScopeSet.WRITE);
  static final int MAX_NAME_LENGTH = 255;
  static final int DEFAULT_MAX_ACTIVE_KEYS_PER_USER = 10;
  static final int DEFAULT_MAXIMUM_CACHE_SIZE = 100_000;
  static final Duration DEFAULT_LAST_USED_WRITE_INTERVAL = Duration.ofMinutes(1);
  static final int FAILURE_BURST_THRESHOLD = 10;
  static final Duration FAILURE_BURST_WINDOW = Duration.ofMinutes(1);
  static final String ROOT_KEY_NAME = "root";

  private static final System.Logger LOG = System.getLogger(ApiKeys.class.getName());
  private static final BinaryOperator<Instant> LATER = (a, b) -> a.isAfter(b) ? a : b;

  private final ApiKeyStore store;
  private final AuditSink audit;
  private final ScopeCatalog catalog;
  private final Clock clock;
  private final SecureRandom random;
  private final KeyFormat format;
  private final long positiveTtlMillis;
  private final long negativeTtlMillis;
  private final long lastUsedIntervalMillis;
  private final int maxActiveKeysPerUser;
  private final BoundedCache positive;
  private final BoundedCache negative;
  private final ConcurrentHashMap<Long, Instant> pendingLastUsed = new ConcurrentHashMap<>();
  private final FailureBursts failures;
  private final Tiers tiers;
  private final ChangeListener changes;
  /** Advanced before every invalidation; a load caches its result only if it has not moved. */
  private final AtomicLong generation = new AtomicLong();

  private ApiKeys(Builder b) {
    this.store = b.store;
    this.audit = b.audit;
    this.catalog = b.scopes;
    this.tiers = b.tiers;
    this.clock = b.clock;
    this.random = b.random != null ? b.random : new SecureRandom();
    this.format = new KeyFormat(KeyType.ROOT.defaultPrefix(), b.workspaceKeyPrefix, b.userKeyPrefix);
    this.positiveTtlMillis = b.positiveCacheTtl.toMillis();
    this.negativeTtlMillis = b.negativeCacheTtl.toMillis();
    this.lastUsedIntervalMillis = b.lastUsedWriteInterval.toMillis();
    this.maxActiveKeysPerUser = b.maxActiveKeysPerUser;
    this.positive = new BoundedCache(b.maximumCacheSize);
    this.negative = new BoundedCache(b.maximumCacheSize);
    this.failures = new FailureBursts(FAILURE_BURST_THRESHOLD, FAILURE_BURST_WINDOW.toMillis(),
        b.maximumCacheSize);
    this.changes = b.changes;
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
    byte[] buffer = Digest.keyBuffer();
    if (format.copyIfWellFormed(presented, buffer) == null) {
      return Verification.malformed();
    }
    Digest digest = Digest.ofBuffer(buffer, presented.length());
    // Millis, not clock.instant(): the cache-hit path needs no Instant unless something is noted.
    long nowMillis = clock.millis();
    CacheEntry cached = positive.get(digest);
    if (cached != null && cached.isFreshAt(nowMillis)) {
      return judge(cached, presented, nowMillis);
    }
    Instant now = Instant.ofEpochMilli(nowMillis);
    CacheEntry miss = negative.get(digest);
    if (miss != null && miss.isFreshAt(nowMillis)) {
      return failed(Verification.notFound(), presented, digest, now, nowMillis);
    }
    return load(presented, digest, cached, now, nowMillis);
  }

  private Verification load(String presented, Digest digest, CacheEntry stale, Instant now, long nowMillis) {
    long loadedIn = generation.get();
    Optional<ApiKey> found = store.findByHash(digest.hex());
    if (found.isEmpty() || !digest.matchesHex(found.get().keyHash())) {
      if (stale != null) {
        positive.remove(stale);
      }
      if (negativeTtlMillis > 0) {
        cache(negative, CacheEntry.missing(digest, nowMillis + negativeTtlMillis), loadedIn);
      }
      return failed(Verification.notFound(), presented, digest, now, nowMillis);
    }
    ApiKey key = found.get();
    CacheEntry entry = CacheEntry.found(digest, key, nowMillis + positiveTtlMillis,
        firstUseNote(key, stale));
    if (positiveTtlMillis > 0) {
      cache(positive, entry, loadedIn);
    }
    return judge(entry, presented, nowMillis);
  }

  // An invalidation advances the generation before it removes entries. If it advanced before the
  // check below, the entry is taken out again here; if after, the invalidation's removal (which
  // follows its advance, and so this put) takes it out. Either way the stale value does not stay.
  private void cache(BoundedCache cache, CacheEntry entry, long loadedIn) {
    cache.put(entry);
    if (generation.get() != loadedIn) {
      cache.remove(entry);
    }
  }

  // Carries the last-use throttle across cache reloads: from the entry being replaced, the
  // not-yet-flushed note, or the stored lastUsedAt, whichever is latest.
  private long firstUseNote(ApiKey key, CacheEntry stale) {
    long next = stale != null && stale.key != null && stale.key.id() == key.id() ? stale.nextUseNoteMillis() : 0;
    Instant pending = pendingLastUsed.get(key.id());
    if (pending != null) {
      next = Math.max(next, pending.toEpochMilli() + lastUsedIntervalMillis);
    }
    if (key.lastUsedAt() != null) {
      next = Math.max(next, key.lastUsedAt().toEpochMilli() + lastUsedIntervalMillis);
    }
    return next;
  }

  private Verification judge(CacheEntry entry, String presented, long nowMillis) {
    ApiKey key = entry.key;
    if (key.revokedAt() != null) {
      return failed(new Verification(Verification.Code.REVOKED, key), presented, entry.digest,
          Instant.ofEpochMilli(nowMillis), nowMillis);
    }
    if (key.expiresAt() != null && nowMillis >= key.expiresAt().toEpochMilli()) {
      return failed(new Verification(Verification.Code.EXPIRED, key), presented, entry.digest,
          Instant.ofEpochMilli(nowMillis), nowMillis);
    }
    if (entry.claimUseNote(nowMillis, lastUsedIntervalMillis)) {
      pendingLastUsed.merge(key.id(), Instant.ofEpochMilli(nowMillis), LATER);
    }
    return entry.valid;
  }

  private Verification failed(Verification result, String presented, Digest digest, Instant now, long nowMillis) {
    int count = failures.record(digest, nowMillis);
    if (count > 0) {
      ApiKey key = result.key();
      Map<String, String> details = new LinkedHashMap<>();
      details.put("display_prefix", KeyFormat.displayPrefix(presented));
      details.put("failures", Integer.toString(count));
      details.put("window_seconds", Long.toString(FAILURE_BURST_WINDOW.toSeconds()));
      details.put("code", result.code().name());
      try {
        audit.record(new AuditEvent("auth.failures_burst", key == null ? null : key.workspaceId(), null,
            key == null ? null : key.id(), key == null ? null : key.userId(), null, now, details));
      } catch (RuntimeException e) {
        // The request is being rejected anyway; an audit outage must not turn that into a 500.
        LOG.log(System.Logger.Level.WARNING, "could not record auth.failures_burst", e);
      }
    }
    return result;
  }

  /**
   * Writes the noted last uses through {@link ApiKeyStore#recordLastUsed(Map)}. Meant for a
   * scheduler, never the request path. If the store fails, the uses stay pending and the exception
   * propagates.
   *
   * @return how many keys were written; 0 without a store call when nothing was pending
   */
  public int flushLastUsed() {
    if (pendingLastUsed.isEmpty()) {
      return 0;
    }
    Map<Long, Instant> batch = new HashMap<>();
    for (Map.Entry<Long, Instant> use : pendingLastUsed.entrySet()) {
      if (pendingLastUsed.remove(use.getKey(), use.getValue())) {
        batch.put(use.getKey(), use.getValue());
      }
    }
    if (batch.isEmpty()) {
      return 0;
    }
    try {
      store.recordLastUsed(Map.copyOf(batch));
    } catch (RuntimeException e) {
      batch.forEach((id, at) -> pendingLastUsed.merge(id, at, LATER));
      throw e;
    }
    return batch.size();
  }

  /**
   * Drops this instance's cached lookups of one key, so its next verification reads the store.
   *
   * @param keyId the key id
   */
  public void invalidate(long keyId) {
    generation.incrementAndGet();
    positive.removeIf(entry -> entry.key.id() == keyId);
  }

  /**
   * Drops this instance's cached lookups of a workspace's keys, e.g. once it has been deleted.
   *
   * @param workspaceId the workspace id
   */
  public void invalidateWorkspace(long workspaceId) {
    generation.incrementAndGet();
    positive.removeIf(entry -> entry.key.workspaceId() != null && entry.key.workspaceId() == workspaceId);
  }

  /** Drops every cached lookup of this instance, found and unknown keys alike. */
  public void invalidateAll() {
    generation.incrementAndGet();
    positive.clear();
    negative.clear();
  }

  // A change that can deny access: dropped here at once, and announced for the other instances.
  private void changed(long keyId) {
    invalidate(keyId);
    changes.keyChanged(keyId);
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
    Actor by = actorOf(who);
    return issue(request, actor, actor != null ? Long.valueOf(actor.id()) : by.keyId(), by);
  }

  /** Issues with a creator that may differ from the escalation actor (platform scope sets). */
  IssuedKey issue(KeyRequest request, ApiKey escalationActor, Long createdBy, Actor who) {
    Actor by = actorOf(who);
    if (request.type() == KeyType.ROOT) {
      throw new IllegalArgumentException("ROOT keys are issued with issueRoot, not issue");
    }
    if (request.workspaceId() == null) {
      throw new IllegalArgumentException(request.type() + " keys need a workspaceId");
    }
    Instant now = clock.instant();
    FieldErrors errors = new FieldErrors();
    String name = Texts.requiredName("name", request.name(), MAX_NAME_LENGTH, errors);
    ScopeSet scopes = validScopes(request.scopes() == null ? DEFAULT_SCOPES : request.scopes(), errors);
    if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
      errors.add("expires_at", "must be in the future");
    }
    if (request.rateLimitTier() != null && !tiers.isValid(request.rateLimitTier())) {
      errors.add("rate_limit_tier", tiers.mustBeOneOf());
    }
    errors.throwIfAny();
    checkEscalation(escalationActor, scopes);
    String secret = format.generate(request.type(), random);
    Digest digest = Digest.of(secret);
    ApiKey toStore = new ApiKey(0, request.workspaceId(), request.userId(), request.type(),
        name, KeyFormat.displayPrefix(secret), digest.hex(), scopes, request.rateLimitTier(),
        request.expiresAt(), null, null, now, createdBy, null);
    ApiKey stored = request.type() == KeyType.USER && request.userId() != null
        ? store.insertWithinUserLimit(toStore, maxActiveKeysPerUser, now)
            .orElseThrow(() -> new KeyLimitReachedException(maxActiveKeysPerUser))
        : store.insert(toStore);
    negative.remove(digest);
    record("api_key.created", stored, by, now, details(
        "name", stored.name(),
        "type", stored.type().name(),
        "display_prefix", stored.displayPrefix(),
        "scopes", String.join(" ", scopes.names()),
        "rate_limit_tier", stored.rateLimitTier(),
        "expires_at", stored.expiresAt() == null ? null : stored.expiresAt().toString()));
    return new IssuedKey(stored, secret);
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
    Actor by = actorOf(who);
    String secret = presetKeyOrNull;
    if (secret == null) {
      secret = format.generate(KeyType.ROOT, random);
    } else if (format.typeOf(secret) != KeyType.ROOT) {
      throw new MalformedKeyException("A preset root key must be '" + format.prefix(KeyType.ROOT)
          + "' followed by " + KeyFormat.RANDOM_LENGTH + " base62 characters (0-9, A-Z, a-z) and a "
          + KeyFormat.CHECKSUM_LENGTH + "-character base62 CRC32 checksum, "
          + format.length(KeyType.ROOT) + " characters in all; the value given is not ("
          + format.problemWith(secret) + ")");
    }
    Digest digest = Digest.of(secret);
    if (presetKeyOrNull != null) {
      Optional<ApiKey> existing = store.findByHash(digest.hex());
      if (existing.isPresent()) {
        return new IssuedKey(existing.get(), secret);
      }
    }
    Instant now = clock.instant();
    ApiKey stored = store.insert(new ApiKey(0, null, null, KeyType.ROOT, ROOT_KEY_NAME,
        KeyFormat.displayPrefix(secret), digest.hex(), ScopeSet.of(ScopeSet.ALL), null, null, null,
        null, now, by.keyId(), null));
    negative.remove(digest);
    record("api_key.created", stored, by, now, details(
        "name", stored.name(),
        "type", stored.type().name(),
        "display_prefix", stored.displayPrefix(),
        "scopes", ScopeSet.ALL,
        "preset", Boolean.toString(presetKeyOrNull != null)));
    return new IssuedKey(stored, secret);
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
    Actor by = actorOf(who);
    Duration period = grace == null ? DEFAULT_GRACE_PERIOD : grace;
    if (period.isNegative() || period.compareTo(MAX_GRACE_PERIOD) > 0) {
      throw new ValidationException("grace_period_hours", "must be between 0 and " + MAX_GRACE_PERIOD.toHours());
    }
    ApiKey old = live(workspaceId, keyId);
    Instant now = clock.instant();
    if (old.isExpiredAt(now)) {
      throw new ValidationException("expires_at", "the key has expired and cannot be rotated; issue a new key");
    }
    checkEscalation(actor, old.scopes());
    String secret = format.generate(old.type(), random);
    Digest digest = Digest.of(secret);
    // The creator is kept so that revokeMintedBy still finds keys its children rotated.
    ApiKey replacement = store.insert(new ApiKey(0, old.workspaceId(), old.userId(), old.type(),
        old.name(), KeyFormat.displayPrefix(secret), digest.hex(), old.scopes(), old.rateLimitTier(),
        old.expiresAt(), null, null, now, old.createdBy(), null));
    Instant graceEnd = now.plus(period);
    if (old.expiresAt() != null && old.expiresAt().isBefore(graceEnd)) {
      graceEnd = old.expiresAt();
    }
    ApiKey previous = store.update(old.replacedBy(replacement.id(), graceEnd));
    changed(old.id());
    negative.remove(digest);
    record("api_key.rotated", previous, by, now, details(
        "replaced_by", Long.toString(replacement.id()),
        "display_prefix", previous.displayPrefix(),
        "replacement_display_prefix", replacement.displayPrefix(),
        "grace_period_ends_at", graceEnd.toString()));
    return new Rotation(new IssuedKey(replacement, secret), previous, graceEnd);
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
    Actor by = actorOf(who);
    ApiKey key = live(workspaceId, keyId);
    Instant now = clock.instant();
    ApiKey revoked = store.update(key.withRevokedAt(now));
    changed(keyId);
    record("api_key.revoked", revoked, by, now, details("display_prefix", revoked.displayPrefix()));
    return revoked;
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
    Actor by = actorOf(who);
    Instant now = clock.instant();
    List<ApiKey> revoked = new ArrayList<>();
    for (ApiKey key : store.findByCreator(creatorKeyId)) {
      if (!key.isRevoked()) {
        ApiKey stored = store.update(key.withRevokedAt(now));
        changed(stored.id());
        record("api_key.revoked", stored, by, now, details(
            "display_prefix", stored.displayPrefix(),
            "reason", "revoke_minted_by",
            "creator_key_id", Long.toString(creatorKeyId)));
        revoked.add(stored);
      }
    }
    return List.copyOf(revoked);
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
    Objects.requireNonNull(patch, "patch");
    Actor by = actorOf(who);
    ApiKey key = live(workspaceId, keyId);
    Instant now = clock.instant();
    FieldErrors errors = new FieldErrors();
    String name = key.name();
    if (patch.name().isPresent()) {
      name = Texts.requiredName("name", patch.name().get(), MAX_NAME_LENGTH, errors);
    }
    ScopeSet scopes = key.scopes();
    if (patch.scopes().isPresent()) {
      ScopeSet requested = validScopes(patch.scopes().get(), errors);
      if (requested != null) {
        List<String> wider = key.scopes().missing(requested.names());
        if (wider.isEmpty()) {
          scopes = requested;
        } else {
          errors.add("scopes", "can only be narrowed; the key does not hold: " + String.join(", ", wider));
        }
      }
    }
    Instant expiresAt = key.expiresAt();
    if (patch.expiresAt().isPresent()) {
      expiresAt = patch.expiresAt().get().orElse(null);
      if (key.replacedBy() != null) {
        // Its expiry is the end of the rotation's grace period; changing it would revive the key.
        errors.add("expires_at", "cannot be changed on a key that has been rotated");
      } else if (expiresAt != null && !expiresAt.isAfter(now)) {
        errors.add("expires_at", "must be in the future");
      }
    }
    errors.throwIfAny();
    if (patch.scopes().isPresent()) {
      checkEscalation(actor, scopes);
    }
    ApiKey stored = store.update(key.withName(name).withScopes(scopes).withExpiresAt(expiresAt));
    changed(keyId);
    record("api_key.updated", stored, by, now, details(
        "display_prefix", stored.displayPrefix(),
        "name", patch.name().isPresent() ? stored.name() : null,
        "scopes", patch.scopes().isPresent() ? String.join(" ", stored.scopes().names()) : null,
        "expires_at", patch.expiresAt().isPresent() ? String.valueOf(stored.expiresAt()) : null));
    return stored;
  }

  /**
   * Replaces a key's scopes with a platform-defined set, without an escalation check; used when
   * an end user verifies and their key moves from the restricted to the verified scope set.
   *
   * @param keyId the key to upgrade
   * @param scopes the new scopes, all known to the catalog
   * @param who who acts, for the audit log
   * @return the key as now stored
   * @throws KeyNotFoundException if the key is missing or revoked
   * @throws ValidationException on {@code scopes} if one is unknown
   */
  public ApiKey upgradeScopes(long keyId, Collection<String> scopes, Actor who) {
    Objects.requireNonNull(scopes, "scopes");
    Actor by = actorOf(who);
    ApiKey key = live(null, keyId);
    FieldErrors errors = new FieldErrors();
    ScopeSet upgraded = validScopes(scopes, errors);
    errors.throwIfAny();
    Instant now = clock.instant();
    ApiKey stored = store.update(key.withScopes(upgraded));
    changed(keyId);
    record("api_key.scopes_upgraded", stored, by, now, details(
        "display_prefix", stored.displayPrefix(),
        "previous_scopes", String.join(" ", key.scopes().names()),
        "scopes", String.join(" ", upgraded.names())));
    return stored;
  }

  /**
   * Finds a key, revoked and expired ones included.
   *
   * @param workspaceId the caller's workspace, or null for a root caller acting anywhere
   * @param keyId the key id
   * @return the key, or empty if missing or outside the workspace
   */
  public Optional<ApiKey> find(Long workspaceId, long keyId) {
    return store.findById(keyId)
        .filter(key -> workspaceId == null || workspaceId.equals(key.workspaceId()));
  }

  Clock clock() {
    return clock;
  }

  int cachedFound() {
    return positive.size();
  }

  int cachedMissing() {
    return negative.size();
  }

  private ApiKey live(Long workspaceId, long keyId) {
    return find(workspaceId, keyId)
        .filter(key -> !key.isRevoked())
        .orElseThrow(() -> new KeyNotFoundException(keyId));
  }

  private ScopeSet validScopes(Collection<String> requested, FieldErrors errors) {
    // Not contains(null): immutable collections throw on it.
    for (String name : requested) {
      if (name == null) {
        errors.add("scopes", "must not contain null");
        return null;
      }
    }
    List<String> unknown = catalog.unknown(requested);
    if (!unknown.isEmpty()) {
      errors.add("scopes", "contains unknown scopes: " + String.join(", ", unknown));
      return null;
    }
    return ScopeSet.of(requested);
  }

  private static void checkEscalation(ApiKey actor, ScopeSet requested) {
    if (actor == null) {
      return;
    }
    List<String> notHeld = actor.scopes().missing(requested.names());
    if (!notHeld.isEmpty()) {
      throw new ScopeEscalationException(notHeld);
    }
  }

  private void record(String type, ApiKey subject, Actor by, Instant at, Map<String, String> details) {
    audit.record(new AuditEvent(type, subject.workspaceId(), by.keyId(), subject.id(), subject.userId(),
        by.requestId(), at, details));
  }

  static Actor actorOf(Actor who) {
    return who == null ? Actor.system() : who;
  }

  /** Builds a details map from name/value pairs, leaving out null values. */
  static Map<String, String> details(String... pairs) {
    Map<String, String> details = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        details.put(pairs[i], pairs[i + 1]);
      }
    }
    return details;
  }

  /**
   * Configures {@link ApiKeys}. {@link #store(ApiKeyStore)} and {@link #audit(AuditSink)} are
   * required; every other setting has a default. Each setter checks its argument and fails with a
   * message naming the bad value.
   */
  public static final class Builder {

    private final BuilderSettings settings = new BuilderSettings();

    private ApiKeyStore store;
    private AuditSink audit;
    private ScopeCatalog scopes = ScopeCatalog.builtIn();
    private Clock clock = Clock.systemUTC();
    private SecureRandom random;
    private String workspaceKeyPrefix = KeyType.WORKSPACE.defaultPrefix();
    private String userKeyPrefix = KeyType.USER.defaultPrefix();
    private Duration positiveCacheTtl = MAX_POSITIVE_CACHE_TTL;
    private Duration negativeCacheTtl = MAX_NEGATIVE_CACHE_TTL;
    private int maxActiveKeysPerUser = DEFAULT_MAX_ACTIVE_KEYS_PER_USER;
    private Duration lastUsedWriteInterval = DEFAULT_LAST_USED_WRITE_INTERVAL;
    private int maximumCacheSize = DEFAULT_MAXIMUM_CACHE_SIZE;
    private Tiers tiers = Tiers.STANDALONE;
    private ChangeListener changes = ChangeListener.NONE;

    private Builder() {
    }

    /**
     * Sets the key store (required).
     *
     * @param store the store
     * @return this builder
     */
    public Builder store(ApiKeyStore store) {
      settings.once("store");
      this.store = BuilderSettings.requireNonNull("store", store);
      return this;
    }

    /**
     * Sets where audit events go (required).
     *
     * @param audit the sink
     * @return this builder
     */
    public Builder audit(AuditSink audit) {
      settings.once("audit");
      this.audit = BuilderSettings.requireNonNull("audit", audit);
      return this;
    }

    /**
     * Sets the scope catalog; default {@link ScopeCatalog#builtIn()}.
     *
     * @param scopes the catalog
     * @return this builder
     */
    public Builder scopes(ScopeCatalog scopes) {
      settings.once("scopes");
      this.scopes = BuilderSettings.requireNonNull("scopes", scopes);
      return this;
    }

    /**
     * Sets the clock; default {@link Clock#systemUTC()}.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      settings.once("clock");
      this.clock = BuilderSettings.requireNonNull("clock", clock);
      return this;
    }

    /**
     * Sets the source of key material; default a new {@link SecureRandom}.
     *
     * @param random the random source
     * @return this builder
     */
    public Builder random(SecureRandom random) {
      settings.once("random");
      this.random = BuilderSettings.requireNonNull("random", random);
      return this;
    }

    /**
     * Sets the prefix of workspace keys; default {@code sk_live_}.
     *
     * @param prefix matches {@code [a-z][a-z0-9]*(_[a-z0-9]+)*_}, at most 16 characters
     * @return this builder
     */
    public Builder workspaceKeyPrefix(String prefix) {
      settings.once("workspaceKeyPrefix");
      this.workspaceKeyPrefix = KeyFormat.checkPrefix("workspaceKeyPrefix", prefix);
      return this;
    }

    /**
     * Sets the prefix of user keys; default {@code sk_user_}.
     *
     * @param prefix matches {@code [a-z][a-z0-9]*(_[a-z0-9]+)*_}, at most 16 characters
     * @return this builder
     */
    public Builder userKeyPrefix(String prefix) {
      settings.once("userKeyPrefix");
      this.userKeyPrefix = KeyFormat.checkPrefix("userKeyPrefix", prefix);
      return this;
    }

    /**
     * Sets how long a found key is cached per instance; default and maximum 30 s, 0 disables.
     *
     * @param ttl between 0 and 30 seconds
     * @return this builder
     */
    public Builder positiveCacheTtl(Duration ttl) {
      settings.once("positiveCacheTtl");
      this.positiveCacheTtl = checkTtl("positiveCacheTtl", ttl, MAX_POSITIVE_CACHE_TTL);
      return this;
    }

    /**
     * Sets how long an unknown key is cached per instance; default and maximum 60 s, 0 disables.
     *
     * @param ttl between 0 and 60 seconds
     * @return this builder
     */
    public Builder negativeCacheTtl(Duration ttl) {
      settings.once("negativeCacheTtl");
      this.negativeCacheTtl = checkTtl("negativeCacheTtl", ttl, MAX_NEGATIVE_CACHE_TTL);
      return this;
    }

    /**
     * Sets how many active keys one end user may hold; default 10.
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder maxActiveKeysPerUser(int max) {
      settings.once("maxActiveKeysPerUser");
      this.maxActiveKeysPerUser = (int) BuilderSettings.requireAtLeast("maxActiveKeysPerUser", max, 1);
      return this;
    }

    /**
     * Sets how often at most one key's last use is queued for writing; default 1 minute.
     *
     * @param interval positive
     * @return this builder
     */
    public Builder lastUsedWriteInterval(Duration interval) {
      settings.once("lastUsedWriteInterval");
      BuilderSettings.requireNonNull("lastUsedWriteInterval", interval);
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("lastUsedWriteInterval must be positive but was " + interval);
      }
      this.lastUsedWriteInterval = interval;
      return this;
    }

    /**
     * Sets how many lookups each of the found and unknown caches holds before evicting the
     * oldest; default 100,000.
     *
     * @param size at least 1
     * @return this builder
     */
    public Builder maximumCacheSize(int size) {
      settings.once("maximumCacheSize");
      if (size < 1) {
        throw new IllegalArgumentException("maximumCacheSize must be at least 1 but was " + size);
      }
      this.maximumCacheSize = size;
      return this;
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
    public Builder tiers(List<String> names) {
      settings.once("tiers");
      this.tiers = Tiers.of(names);
      return this;
    }

    /**
     * Sets who is told of changes that can deny access (revocation, rotation, expiry and scope
     * changes), e.g. to announce them to other instances; default {@link ChangeListener#NONE}.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder changeListener(ChangeListener listener) {
      settings.once("changeListener");
      this.changes = Objects.requireNonNull(listener, "changeListener must not be null");
      return this;
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

    private static Duration checkTtl(String setting, Duration ttl, Duration max) {
      Objects.requireNonNull(ttl, setting + " must not be null");
      if (ttl.isNegative() || ttl.compareTo(max) > 0) {
        throw new IllegalArgumentException(setting + " must be between PT0S and " + max + " but was " + ttl);
      }
      return ttl;
    }
  }
}
