package dev.gatehouse.errors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Collects field errors while a request is checked, so that one {@link ValidationException}
 * reports all of them at once. Not thread-safe: one collector per check.
 *
 * <pre>{@code
 * FieldErrors errors = new FieldErrors();
 * if (name == null) errors.add("name", "is required");
 * if (url != null && !url.startsWith("https://")) errors.add("url", "must use https");
 * errors.throwIfAny();
 * }</pre>
 */
public final class FieldErrors {

    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    /** Creates an empty collector. */
    public FieldErrors() {
    }

    /**
     * Adds a message for a field; a field may collect several.
     *
     * @param field the field name as the API spells it
     * @param message the rule it broke
     * @return this collector
     */
    public FieldErrors add(String field, String message) {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
        errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
        return this;
    }

    /**
     * Adds every message of an exception caught from a nested check.
     *
     * @param nested the exception whose field errors join these
     * @return this collector
     */
    public FieldErrors addAll(ValidationException nested) {
        nested.errors().forEach((field, messages) -> messages.forEach(m -> add(field, m)));
        return this;
    }

    /**
     * Returns whether a field has an error already.
     *
     * @param field the field name
     * @return true if at least one message was added for it
     */
    public boolean has(String field) {
        return errors.containsKey(field);
    }

    /**
     * Returns whether no error was added.
     *
     * @return true if the checked input is valid so far
     */
    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /**
     * Throws the collected errors, if there are any.
     *
     * @throws ValidationException with every field error, in the order added
     */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
