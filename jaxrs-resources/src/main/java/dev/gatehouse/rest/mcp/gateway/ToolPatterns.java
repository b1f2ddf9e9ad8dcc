package dev.gatehouse.rest.mcp.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A server's {@code allowed_tools}: names or patterns where {@code *} stands for any run of characters
 * ({@code echo}, {@code get-*}, {@code *}). No patterns at all allows every tool.
 */
public final class ToolPatterns {

    /** At most this many patterns. */
    public static final int MAX_PATTERNS = 100;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_.*/-]{1,128}");

    private final List<String> patterns;
    private final List<Pattern> compiled;

    private ToolPatterns(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        List<Pattern> out = new ArrayList<>();
        for (String p : patterns) {
            StringBuilder regex = new StringBuilder();
            for (String part : p.split("\\*", -1)) {
                if (!regex.isEmpty()) {
                    regex.append(".*");
                }
                regex.append(Pattern.quote(part));
            }
            out.add(Pattern.compile(regex.toString()));
        }
        this.compiled = List.copyOf(out);
    }

    /** Every tool. */
    public static ToolPatterns all() {
        return new ToolPatterns(List.of());
    }

    /** The patterns; empty (or null) allows every tool. */
    public static ToolPatterns of(List<String> patterns) {
        return new ToolPatterns(patterns == null ? List.of() : patterns);
    }

    /** What is wrong with the patterns, or empty when they are fine. */
    public static Optional<String> violation(List<String> patterns) {
        if (patterns.size() > MAX_PATTERNS) {
            return Optional.of("must hold at most " + MAX_PATTERNS + " patterns.");
        }
        for (String p : patterns) {
            if (p == null || !SHAPE.matcher(p).matches()) {
                return Optional.of("must hold tool names or patterns of 1 to 128 characters from A-Z a-z 0-9 _ . / - and *.");
            }
        }
        return Optional.empty();
    }

    public boolean allows(String tool) {
        if (compiled.isEmpty()) {
            return true;
        }
        for (Pattern p : compiled) {
            if (p.matcher(tool).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The patterns as given (empty: every tool). */
    public List<String> patterns() {
        return patterns;
    }
}
