package dev.gatehouse.rest.keys.boundary;

import dev.gatehouse.keys.ApiKey;
import dev.gatehouse.keys.IssuedKey;
import dev.gatehouse.keys.KeyType;
import dev.gatehouse.keys.Verification;
import dev.gatehouse.rest.keys.entity.AuditEventEntity;
import dev.gatehouse.rest.platform.boundary.Wire;
import dev.gatehouse.rest.platform.boundary.Wire.Doc;
import dev.gatehouse.rest.platform.boundary.Wire.Nullable;
import dev.gatehouse.rest.platform.boundary.Wire.Omitted;
import dev.gatehouse.rest.platform.boundary.Wire.Required;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How keys, users and audit events look over HTTP, as response records (see {@link Wire}). The secret appears
 * only in {@link Issued}, once.
 */
final class KeyViews {

    private KeyViews() {
    }

    /** A key as listed and shown. */
    @Wire.Schema("ApiKey")
    record Key(long id, String name,
               @Doc("The first characters of the key, for recognising it.") String prefix,
               KeyType type, ApiKey.Status status, List<String> scopes,
               @Nullable String rateLimitTier, @Nullable Long workspaceId, @Nullable Long userId,
               @Nullable Instant lastUsedAt, @Nullable Instant expiresAt, @Nullable Instant revokedAt,
               Instant createdAt, @Nullable Long createdBy, @Nullable Long replacedBy) {

        static final Set<String> FIELDS = Wire.fields(Key.class);

        static Key from(ApiKey k, Instant now) {
            return new Key(k.id(), k.name(), k.displayPrefix(), k.type(), k.statusAt(now), k.scopes().names(),
                    k.rateLimitTier(), k.workspaceId(), k.userId(), k.lastUsedAt(), k.expiresAt(), k.revokedAt(),
                    k.createdAt(), k.createdBy(), k.replacedBy());
        }
    }

    /** The creation (or rotation) view: the key's fields plus the secret under {@code key}. */
    @Wire.Schema("ApiKeyIssued")
    record Issued(long id, String name,
                  @Required @Doc("The secret. Shown only in this response; store it now.") String key,
                  @Doc("The first characters of the key, for recognising it.") String prefix,
                  KeyType type, ApiKey.Status status, List<String> scopes,
                  @Nullable String rateLimitTier, @Nullable Long workspaceId, @Nullable Long userId,
                  @Nullable Instant lastUsedAt, @Nullable Instant expiresAt, @Nullable Instant revokedAt,
                  Instant createdAt, @Nullable Long createdBy, @Nullable Long replacedBy,
                  @Omitted @Doc("Rotation only: the key this one replaces.") Long previousId,
                  @Omitted @Doc("Rotation only: until when the old key still works.") Instant gracePeriodEndsAt) {

        static Issued from(IssuedKey issued, Instant now) {
            return rotated(issued, now, null, null);
        }

        static Issued rotated(IssuedKey issued, Instant now, Long previousId, Instant gracePeriodEndsAt) {
            Key k = Key.from(issued.key(), now);
            return new Issued(k.id(), k.name(), issued.secret(), k.prefix(), k.type(), k.status(), k.scopes(),
                    k.rateLimitTier(), k.workspaceId(), k.userId(), k.lastUsedAt(), k.expiresAt(), k.revokedAt(),
                    k.createdAt(), k.createdBy(), k.replacedBy(), previousId, gracePeriodEndsAt);
        }

        @Override
        public String toString() {
            return "Issued[id=" + id + ", key=***]";
        }
    }

    /** What {@code revoke-minted} answers. */
    record RevokedKeys(int revoked, List<Long> ids) {
    }

    /** An end user of a workspace. */
    record User(long id, @Nullable String externalId, @Nullable @Doc(format = "email") String email, boolean verified,
                @Nullable Instant verifiedAt, @Nullable Long createdBy, Instant createdAt, Instant updatedAt) {

        static final Set<String> FIELDS = Wire.fields(User.class);

        static User from(dev.gatehouse.keys.User u) {
            return new User(u.id(), u.externalId(), u.email(), u.verified(), u.verifiedAt(), u.createdByKeyId(),
                    u.createdAt(), u.updatedAt());
        }
    }

    /** A bootstrapped user, its restricted key and the code that verifies it. */
    record UserBootstrap(User user, Issued key,
                         @Doc("Deliver it to the user; they verify with it.") String verificationCode) {

        @Override
        public String toString() {
            return "UserBootstrap[user=" + user.id() + "]";
        }
    }

    /** A resent verification code: to the developer only, never to the user's own key. */
    record VerificationResent(long userId, @Omitted @Doc("Absent when a user key asks.") String verificationCode) {

        @Override
        public String toString() {
            return "VerificationResent[userId=" + userId + "]";
        }
    }

    /** {@code GET /me}: the calling key, its workspace and user. */
    record Me(Key key, @Nullable MeWorkspace workspace, @Nullable User user, List<String> scopes) {
    }

    /** The caller's workspace as {@code /me} shows it. */
    record MeWorkspace(long id, String name, String slug, String tier) {

        static MeWorkspace from(dev.gatehouse.keys.Workspace w) {
            return new MeWorkspace(w.id(), w.name(), w.slug(), w.tier());
        }
    }

    /** {@code GET /auth/verify}: the presented key is valid, and whose it is. */
    record AuthVerification(boolean valid, long keyId, @Nullable Long workspaceId, @Nullable Long userId,
                            @Nullable String email, List<String> scopes, @Nullable Instant expiresAt) {
    }

    /** {@code POST /keys/verify}: the verdict on someone else's key; the key's fields are null unless found. */
    record KeyVerdict(boolean valid,
                      @Wire.Values(of = Verification.Code.class, method = "name", value = "RATE_LIMITED") String code,
                      @Nullable Long keyId, @Nullable Long workspaceId, @Nullable Long userId,
                      @Nullable List<String> scopes, @Nullable Instant expiresAt) {
    }

    /** One audit event as listed. */
    record AuditEvent(long id, @Doc(examples = "[\"api_key.created\", \"api_key.revoked\"]") String type,
                      @Nullable Long workspaceId, @Nullable Long actorKeyId, @Nullable Long subjectKeyId, @Nullable Long userId,
                      @Nullable String requestId, Instant createdAt, JsonObject details) {

        static final Set<String> FIELDS = Wire.fields(AuditEvent.class);

        static AuditEvent from(AuditEventEntity e) {
            return new AuditEvent(e.id, e.type, e.workspaceId, e.actorKeyId, e.subjectKeyId, e.userId, e.requestId, e.occurredAt,
                    e.details == null ? JsonValue.EMPTY_JSON_OBJECT
                            : jakarta.json.Json.createReader(new StringReader(e.details)).readObject());
        }
    }

    /** What subscribers hear about a key: never the secret. */
    static Map<String, Object> event(ApiKey k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", k.id());
        m.put("name", k.name());
        m.put("prefix", k.displayPrefix());
        m.put("scopes", k.scopes().names());
        m.put("user_id", k.userId());
        return m;
    }
}
