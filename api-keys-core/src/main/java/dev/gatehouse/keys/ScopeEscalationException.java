package dev.gatehouse.keys;

import java.util.List;

/**
 * The acting key tried to grant scopes it does not hold itself (HTTP 403 {@code access_denied}
 * with {@code code: insufficient_scope}).
 */
public final class ScopeEscalationException extends ApiKeyException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> notHeld;

    /**
     * Creates the exception.
     *
     * @param notHeld the requested scopes the acting key does not cover; not empty
     */
    public ScopeEscalationException(List<String> notHeld) {
        super("Cannot grant scopes the acting key does not hold: " + String.join(", ", notHeld));
        if (notHeld.isEmpty()) {
            throw new IllegalArgumentException("notHeld must not be empty");
        }
        this.notHeld = List.copyOf(notHeld);
    }

    /**
     * Returns the requested scopes the acting key does not cover.
     *
     * @return an unmodifiable, non-empty list
     */
    public List<String> notHeld() {
        return notHeld;
    }
}
