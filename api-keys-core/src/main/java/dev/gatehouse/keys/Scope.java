package dev.gatehouse.keys;

import java.util.Objects;

/**
 * A concrete scope a key can hold, such as {@code posts:read}, with a description for humans.
 *
 * @param name the scope name, {@code <resource>:<action>} in lowercase ({@code [a-z][a-z0-9-]*})
 * @param description what the scope allows, for documentation and consoles
 */
public record Scope(String name, String description) {

    /**
     * Creates a scope, checking its syntax.
     *
     * @param name the scope name, {@code <resource>:<action>} in lowercase ({@code [a-z][a-z0-9-]*})
     * @param description what the scope allows, for documentation and consoles
     * @throws IllegalArgumentException if the name is not {@code <resource>:<action>} or the
     *     description is blank
     */
    public Scope {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        if (!ScopeSet.isExactName(name)) {
            throw new IllegalArgumentException("scope name must match " + ScopeSet.EXACT_SYNTAX
                + " but was " + name);
        }
        if (description.isBlank()) {
            throw new IllegalArgumentException("description of scope " + name + " must not be blank");
        }
    }
}
