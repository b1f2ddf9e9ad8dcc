package dev.gatehouse.entitlements;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A request to the entitlements facade carried invalid input: an unknown feature or tier, a
 * quantity out of range, a malformed event id. The host maps it to
 * {@code 422 validation_failed} with {@link #errors()} as the {@code errors} object.
 */
public final class ValidationException extends EntitlementException {

    private final transient Map<String, List<String>> errors;

    /**
     * Creates the exception for one field.
     *
     * @param field   the request field, e.g. {@code feature}, {@code quantity}, {@code event_id}
     * @param message what is wrong with it
     */
    public ValidationException(String field, String message) {
        this(Map.of(field, List.of(message)));
    }

    /**
     * Creates the exception for several fields.
     *
     * @param errors messages by field; must not be empty
     * @throws IllegalArgumentException if {@code errors} is empty
     */
    public ValidationException(Map<String, List<String>> errors) {
        super(describe(errors));
        var copy = new LinkedHashMap<String, List<String>>();
        errors.forEach((field, messages) -> copy.put(field, List.copyOf(messages)));
        this.errors = Collections.unmodifiableMap(copy);
    }

    /**
     * The messages by field, in the shape of the API's {@code errors} object.
     *
     * @return an unmodifiable map, never empty
     */
    public Map<String, List<String>> errors() {
        return errors;
    }

    private static String describe(Map<String, List<String>> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a validation error needs at least one field");
        }
        return errors.entrySet().stream()
                .map(e -> e.getKey() + ": " + String.join(" ", e.getValue()))
                .collect(Collectors.joining("; "));
    }
}
