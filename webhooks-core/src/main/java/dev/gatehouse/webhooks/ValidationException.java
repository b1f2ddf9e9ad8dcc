package dev.gatehouse.webhooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Input was rejected. {@link #errors()} maps each offending field (for example {@code url},
 * {@code events}, {@code secret}, {@code description}, {@code type}, {@code id}) to one or more
 * human-readable rules it broke.
 *
 * <p>The rejected values themselves are never echoed, so a mistyped secret cannot leak through an
 * error response or a log line.
 */
public final class ValidationException extends WebhookException {

    private static final long serialVersionUID = 1L;

    private final transient Map<String, List<String>> errors;

    /**
     * Creates an exception for one field and one broken rule.
     *
     * @param field   the field name as the API spells it
     * @param message the rule that was broken, for example {@code "must use https"}
     */
    public ValidationException(String field, String message) {
        this(Map.of(Objects.requireNonNull(field, "field"), List.of(Objects.requireNonNull(message, "message"))));
    }

    /**
     * Creates an exception for several fields.
     *
     * @param errors field name to broken rules; must not be empty
     */
    public ValidationException(Map<String, List<String>> errors) {
        super(describe(errors));
        Map<String, List<String>> copy = new LinkedHashMap<>();
        errors.forEach((field, messages) -> copy.put(field, List.copyOf(messages)));
        this.errors = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * Returns the broken rules by field, in the order they were found.
     *
     * @return an unmodifiable map of field name to messages
     */
    public Map<String, List<String>> errors() {
        return errors;
    }

    private static String describe(Map<String, List<String>> errors) {
        Objects.requireNonNull(errors, "errors");
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("errors must not be empty");
        }
        return "Validation failed: " + errors.entrySet().stream()
                .map(entry -> entry.getKey() + " " + String.join(", ", entry.getValue()))
                .collect(Collectors.joining("; "));
    }
}
