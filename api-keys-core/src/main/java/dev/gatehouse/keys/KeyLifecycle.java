package dev.gatehouse.keys;

import dev.gatehouse.errors.FieldErrors;
import dev.gatehouse.errors.ValidationException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The mutating side of {@link ApiKeys}: issuing, rotating, revoking and changing keys, each
 * checked (fields, then the acting key's scopes, then limits), written through the store,
 * audited, and dropped from the {@link VerificationCache} when the change can deny access. The
 * rules are documented on the facade's methods.
 */
final class KeyLifecycle {

    static final Duration DEFAULT_GRACE_PERIOD = Duration.ofHours(24);
    static final Duration MAX_GRACE_PERIOD = Duration.ofHours(720);
    static final List<String> DEFAULT_SCOPES = List.of(ScopeSet.READ, ScopeSet.WRITE);
    static final String ROOT_KEY_NAME = "root";
    static final int MAX_NAME_LENGTH = 255;

    private final ApiKeyStore store;
    private final AuditSink audit;
    private final ScopeCatalog catalog;
    private final Tiers tiers;
    private final Clock clock;
    private final SecureRandom random;
    private final KeyFormat format;
    private final int maxActiveKeysPerUser;
    private final VerificationCache cache;
    private final ChangeListener changes;

    KeyLifecycle(ApiKeyStore store, AuditSink audit, ScopeCatalog catalog, Tiers tiers, Clock clock,
        SecureRandom random, KeyFormat format, int maxActiveKeysPerUser, VerificationCache cache,
        ChangeListener changes) {
        this.store = store;
        this.audit = audit;
        this.catalog = catalog;
        this.tiers = tiers;
        this.clock = clock;
        this.random = random;
        this.format = format;
        this.maxActiveKeysPerUser = maxActiveKeysPerUser;
        this.cache = cache;
        this.changes = changes;
    }

    // A change that can deny access: dropped here at once, and announced for the other instances.
    private void changed(long keyId) {
        cache.invalidate(keyId);
        changes.keyChanged(keyId);
    }


    /** Issues with a creator that may differ from the escalation actor (platform scope sets). */
    IssuedKey issue(KeyRequest request, ApiKey escalationActor, Long createdBy, Actor who) {
        Actor by = Actor.orSystem(who);
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
        cache.stored(digest);
        record("api_key.created", stored, by, now, AuditEvent.details(
            "name", stored.name(),
            "type", stored.type().name(),
            "display_prefix", stored.displayPrefix(),
            "scopes", String.join(" ", scopes.names()),
            "rate_limit_tier", stored.rateLimitTier(),
            "expires_at", stored.expiresAt() == null ? null : stored.expiresAt().toString()));
        return new IssuedKey(stored, secret);
    }

    IssuedKey issueRoot(String presetKeyOrNull, Actor who) {
        Actor by = Actor.orSystem(who);
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
        cache.stored(digest);
        record("api_key.created", stored, by, now, AuditEvent.details(
            "name", stored.name(),
            "type", stored.type().name(),
            "display_prefix", stored.displayPrefix(),
            "scopes", ScopeSet.ALL,
            "preset", Boolean.toString(presetKeyOrNull != null)));
        return new IssuedKey(stored, secret);
    }

    Rotation rotate(Long workspaceId, long keyId, Duration grace, ApiKey actor, Actor who) {
        Actor by = Actor.orSystem(who);
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
        cache.stored(digest);
        record("api_key.rotated", previous, by, now, AuditEvent.details(
            "replaced_by", Long.toString(replacement.id()),
            "display_prefix", previous.displayPrefix(),
            "replacement_display_prefix", replacement.displayPrefix(),
            "grace_period_ends_at", graceEnd.toString()));
        return new Rotation(new IssuedKey(replacement, secret), previous, graceEnd);
    }

    ApiKey revoke(Long workspaceId, long keyId, Actor who) {
        Actor by = Actor.orSystem(who);
        ApiKey key = live(workspaceId, keyId);
        Instant now = clock.instant();
        ApiKey revoked = store.update(key.withRevokedAt(now));
        changed(keyId);
        record("api_key.revoked", revoked, by, now, AuditEvent.details("display_prefix", revoked.displayPrefix()));
        return revoked;
    }

    List<ApiKey> revokeMintedBy(long creatorKeyId, Actor who) {
        Actor by = Actor.orSystem(who);
        Instant now = clock.instant();
        List<ApiKey> revoked = new ArrayList<>();
        for (ApiKey key : store.findByCreator(creatorKeyId)) {
            if (!key.isRevoked()) {
                ApiKey stored = store.update(key.withRevokedAt(now));
                changed(stored.id());
                record("api_key.revoked", stored, by, now, AuditEvent.details(
                    "display_prefix", stored.displayPrefix(),
                    "reason", "revoke_minted_by",
                    "creator_key_id", Long.toString(creatorKeyId)));
                revoked.add(stored);
            }
        }
        return List.copyOf(revoked);
    }

    ApiKey update(Long workspaceId, long keyId, KeyPatch patch, ApiKey actor, Actor who) {
        Objects.requireNonNull(patch, "patch");
        Actor by = Actor.orSystem(who);
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
        record("api_key.updated", stored, by, now, AuditEvent.details(
            "display_prefix", stored.displayPrefix(),
            "name", patch.name().isPresent() ? stored.name() : null,
            "scopes", patch.scopes().isPresent() ? String.join(" ", stored.scopes().names()) : null,
            "expires_at", patch.expiresAt().isPresent() ? String.valueOf(stored.expiresAt()) : null));
        return stored;
    }

    ApiKey upgradeScopes(long keyId, Collection<String> scopes, Actor who) {
        Objects.requireNonNull(scopes, "scopes");
        Actor by = Actor.orSystem(who);
        ApiKey key = live(null, keyId);
        FieldErrors errors = new FieldErrors();
        ScopeSet upgraded = validScopes(scopes, errors);
        errors.throwIfAny();
        Instant now = clock.instant();
        ApiKey stored = store.update(key.withScopes(upgraded));
        changed(keyId);
        record("api_key.scopes_upgraded", stored, by, now, AuditEvent.details(
            "display_prefix", stored.displayPrefix(),
            "previous_scopes", String.join(" ", key.scopes().names()),
            "scopes", String.join(" ", upgraded.names())));
        return stored;
    }

    Optional<ApiKey> find(Long workspaceId, long keyId) {
        return store.findById(keyId)
            .filter(key -> workspaceId == null || workspaceId.equals(key.workspaceId()));
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
}
