package dev.gatehouse.errors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Input that breaks a rule (HTTP 422 {@code validation_failed}). {@link #errors()} maps each
 * offending field, named as the REST API names it ({@code name}, {@code expires_at},
 * {@code url}, {@code quantity}, …), to the rules it broke. The rejected values themselves are
 * never part of the messages.
 */
public final class ValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @serial field name to messages, in the order they were found */
    private final transient Map<String, List<String>> errors;

    /**
     * Creates the exception for several fields.
     *
     * @param errors field name to messages; not empty, no null field, message or message list
     * @throws IllegalArgumentException if {@code errors} is empty
     * @throws NullPointerException if {@code errors}, a field, a message list or a message is null
     */
    public ValidationException(Map<String, List<String>> errors) {
        super(describe(errors));
        Map<String, List<String>> copy = new LinkedHashMap<>();
        errors.forEach((field, messages) -> copy.put(Objects.requireNonNull(field, "field"), List.copyOf(messages)));
        this.errors = Collections.unmodifiableMap(copy);
    }

    /**
     * Creates the exception for one field and one broken rule.
     *
     * @param field the field name as the API spells it
     * @param message the rule that was broken, e.g. {@code "must use https"}
     */
    public ValidationException(String field, String message) {
        this(Map.of(Objects.requireNonNull(field, "field"), List.of(Objects.requireNonNull(message, "message"))));
    }

    /**
     * Returns the broken rules by field, in the order they were found.
     *
     * @return an unmodifiable map of field name to messages, never empty
     */
    public Map<String, List<String>> errors() {
        return errors;
    }

    private static String describe(Map<String, List<String>> errors) {
        Objects.requireNonNull(errors, "errors");
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a validation exception needs at least one field error");
        }
        return "Validation failed: " + errors.entrySet().stream()
                .map(e -> e.getKey() + " " + String.join(", ", e.getValue()))
                .collect(Collectors.joining("; "));
    }
}
