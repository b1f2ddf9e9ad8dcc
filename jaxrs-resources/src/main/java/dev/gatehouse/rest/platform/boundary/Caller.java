package dev.gatehouse.rest.platform.boundary;

import dev.gatehouse.keys.Actor;
import dev.gatehouse.keys.ApiKey;
import dev.gatehouse.keys.KeyType;
import java.util.List;

/** The authenticated key behind a request. */
public record Caller(ApiKey key, String requestId) {

    public boolean isRoot() {
        return key.type() == KeyType.ROOT;
    }

    public long keyId() {
        return key.id();
    }

    /** The key's own workspace; null for root keys, which act on any workspace. */
    public Long workspaceId() {
        return key.workspaceId();
    }

    public List<String> scopes() {
        return key.scopes().names();
    }

    /** Who acts, for the audit log. */
    public Actor actor() {
        return new Actor(key.id(), requestId);
    }
}
