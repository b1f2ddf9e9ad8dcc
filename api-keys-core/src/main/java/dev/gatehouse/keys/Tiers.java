package dev.gatehouse.keys;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * The plan tier names a workspace or a key's rate limit may name, lowest first. The core knows
 * no tier names of its own: the host passes its plan catalog's names to the builders
 * ({@link Workspaces.Builder#tiers}, {@link ApiKeys.Builder#tiers}), so a catalog with its own
 * tiers is the one source of them. Without one, the only tier is {@link #STANDALONE}'s {@code free}.
 */
final class Tiers {

    /** The tiers of a host without a plan catalog: just the one a new workspace gets. */
    static final Tiers STANDALONE = new Tiers(List.of("free"));

    private final List<String> names;

    private Tiers(List<String> names) {
        this.names = names;
    }

    /**
     * Checks and keeps a list of tier names.
     *
     * @throws NullPointerException if the list or a name is null
     * @throws IllegalArgumentException if the list is empty, a name is blank or repeated
     */
    static Tiers of(List<String> names) {
        Objects.requireNonNull(names, "tiers must not be null");
        if (names.isEmpty()) {
            throw new IllegalArgumentException("tiers must name at least one tier");
        }
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        for (String name : names) {
            Objects.requireNonNull(name, "tiers must not contain null but was " + names);
            if (name.isBlank()) {
                throw new IllegalArgumentException("tiers must not contain a blank name but was " + names);
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("tiers must not repeat '" + name + "' but was " + names);
            }
        }
        return new Tiers(List.copyOf(names));
    }

    /** The tier a workspace created without one is on: the lowest. */
    String lowest() {
        return names.get(0);
    }

    List<String> names() {
        return names;
    }

    boolean isValid(String tier) {
        return names.contains(tier);
    }

    String mustBeOneOf() {
        return "must be one of: " + String.join(", ", names);
    }
}
