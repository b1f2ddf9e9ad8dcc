package dev.gatehouse.rest.cluster.control;

import java.util.Objects;
import java.util.Optional;

/**
 * One change that can deny access or change limits, as announced between instances:
 * {@code k:<key id>}, {@code w:<workspace id>}, {@code o:<workspace id>:<feature>} or
 * {@code m:<workspace id>} (its upstream MCP servers). An older instance reads a kind it does not
 * know as unreadable and drops all its caches.
 *
 * @param kind what changed
 * @param id the key or workspace id
 * @param feature the overridden feature, for {@link Kind#OVERRIDE} only
 */
public record CacheChange(Kind kind, long id, String feature) {

    /** What a change concerns. */
    public enum Kind {
        /** A key: revoked, rotated, its expiry or scopes changed. */
        KEY,
        /** A workspace: updated (tier, settings, name) or deleted. */
        WORKSPACE,
        /** A workspace's limit override of one feature. */
        OVERRIDE,
        /** A workspace's upstream MCP servers: registered, changed or removed. */
        MCP_SERVERS
    }

    public CacheChange {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.OVERRIDE) != (feature != null)) {
            throw new IllegalArgumentException("a feature goes with an override change and only with it");
        }
    }

    public static CacheChange key(long keyId) {
        return new CacheChange(Kind.KEY, keyId, null);
    }

    public static CacheChange workspace(long workspaceId) {
        return new CacheChange(Kind.WORKSPACE, workspaceId, null);
    }

    public static CacheChange mcpServers(long workspaceId) {
        return new CacheChange(Kind.MCP_SERVERS, workspaceId, null);
    }

    public static CacheChange override(long workspaceId, String feature) {
        return new CacheChange(Kind.OVERRIDE, workspaceId, Objects.requireNonNull(feature, "feature"));
    }

    /** The announced form. */
    public String text() {
        return switch (kind) {
            case KEY -> "k:" + id;
            case WORKSPACE -> "w:" + id;
            case OVERRIDE -> "o:" + id + ":" + feature;
            case MCP_SERVERS -> "m:" + id;
        };
    }

    /** Reads the announced form; empty for anything else (a newer instance's message, say). */
    public static Optional<CacheChange> parse(String text) {
        if (text == null || text.length() < 3 || text.charAt(1) != ':') {
            return Optional.empty();
        }
        try {
            String rest = text.substring(2);
            return switch (text.charAt(0)) {
                case 'k' -> Optional.of(key(Long.parseLong(rest)));
                case 'w' -> Optional.of(workspace(Long.parseLong(rest)));
                case 'm' -> Optional.of(mcpServers(Long.parseLong(rest)));
                case 'o' -> {
                    int colon = rest.indexOf(':');
                    yield colon <= 0 || colon == rest.length() - 1 ? Optional.empty()
                            : Optional.of(override(Long.parseLong(rest.substring(0, colon)), rest.substring(colon + 1)));
                }
                default -> Optional.empty();
            };
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
