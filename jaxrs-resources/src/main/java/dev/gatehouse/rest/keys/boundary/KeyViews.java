package dev.gatehouse.rest.keys.boundary;

import dev.gatehouse.keys.ApiKey;
import dev.gatehouse.keys.IssuedKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** How keys look over HTTP. The secret appears only in {@link #issued}, once. */
final class KeyViews {

    static final Set<String> FIELDS = Set.of("id", "name", "prefix", "type", "status", "scopes", "rate_limit_tier",
            "workspace_id", "user_id", "last_used_at", "expires_at", "revoked_at", "created_at", "created_by", "replaced_by");

    private KeyViews() {
    }

    static Map<String, Object> view(ApiKey k, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", k.id());
        m.put("name", k.name());
        m.put("prefix", k.displayPrefix());
        m.put("type", k.type().name().toLowerCase(Locale.ROOT));
        m.put("status", k.statusAt(now).name().toLowerCase(Locale.ROOT));
        m.put("scopes", k.scopes().names());
        m.put("rate_limit_tier", k.rateLimitTier());
        m.put("workspace_id", k.workspaceId());
        m.put("user_id", k.userId());
        m.put("last_used_at", k.lastUsedAt());
        m.put("expires_at", k.expiresAt());
        m.put("revoked_at", k.revokedAt());
        m.put("created_at", k.createdAt());
        m.put("created_by", k.createdBy());
        m.put("replaced_by", k.replacedBy());
        return m;
    }

    /** The creation (or rotation) view: the key's fields plus the secret under {@code key}. */
    static Map<String, Object> issued(IssuedKey issued, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        ApiKey k = issued.key();
        m.put("id", k.id());
        m.put("name", k.name());
        m.put("key", issued.secret());
        m.putAll(view(k, now));
        return m;
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
