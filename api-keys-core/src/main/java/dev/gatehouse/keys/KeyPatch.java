package dev.gatehouse.keys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Optional;

/**
 * A partial update of a key (PATCH semantics). An empty outer optional leaves the field unchanged;
 * for {@code expiresAt} an empty inner optional clears the expiry.
 *
 * @param name the new name
 * @param scopes the new scopes, which may only narrow the current ones
 * @param expiresAt the new expiry; {@code Optional.of(Optional.empty())} means never expires
 */
public record KeyPatch(
    Optional<String> name,
    Optional<Collection<String>> scopes,
    Optional<Optional<Instant>> expiresAt) {

    private static final KeyPatch NONE = new KeyPatch(Optional.empty(), Optional.empty(), Optional.empty());

    /**
     * Creates a patch; a null component means unchanged.
     *
     * @param name the new name
     * @param scopes the new scopes, which may only narrow the current ones
     * @param expiresAt the new expiry; {@code Optional.of(Optional.empty())} means never expires
     */
    public KeyPatch {
        name = name == null ? Optional.empty() : name;
        scopes = scopes == null ? Optional.empty()
            : scopes.<Collection<String>>map(s -> Collections.unmodifiableList(new ArrayList<>(s)));
        expiresAt = expiresAt == null ? Optional.empty() : expiresAt;
    }

    /**
     * Returns the patch that changes nothing.
     *
     * @return an empty patch
     */
    public static KeyPatch none() {
        return NONE;
    }
}
