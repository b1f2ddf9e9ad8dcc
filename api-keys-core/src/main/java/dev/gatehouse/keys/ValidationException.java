package dev.gatehouse.keys;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Input that breaks a rule (HTTP 422 {@code validation_failed}). {@link #errors()} maps each field,
 * named in snake_case as the REST API names it ({@code name}, {@code scopes}, {@code expires_at},
 * {@code rate_limit_tier}, {@code grace_period_hours}, {@code external_id}, {@code email},
 * {@code code}, {@code user}, {@code slug}, {@code tier}, {@code settings.timezone},
 * {@code settings.locale}), to its messages.
 */
public final class ValidationException extends ApiKeyException {

  private static final long serialVersionUID = 1L;

  private final transient Map<String, List<String>> errors;

  /**
   * Creates the exception for several fields.
   *
   * @param errors field name to messages; must not be empty
   * @throws IllegalArgumentException if {@code errors} is empty
   */
  public ValidationException(Map<String, List<String>> errors) {
    super(describe(errors));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a validation exception needs at least one field error");
    }
    Map<String, List<String>> copy = new LinkedHashMap<>();
    errors.forEach((field, messages) -> copy.put(Objects.requireNonNull(field, "field"), List.copyOf(messages)));
    this.errors = Collections.unmodifiableMap(copy);
  }

  /**
   * Creates the exception for one field.
   *
   * @param field the field name in snake_case
   * @param message what is wrong with it
   */
  public ValidationException(String field, String message) {
    this(Map.of(field, List.of(message)));
  }

  /**
   * Returns the field errors in the order they were found.
   *
   * @return an unmodifiable map of field name to messages
   */
  public Map<String, List<String>> errors() {
    return errors;
  }

  private static String describe(Map<String, List<String>> errors) {
    return "The given data was invalid: " + errors.entrySet().stream()
        .map(e -> e.getKey() + " " + String.join(", ", e.getValue()))
        .collect(Collectors.joining("; "));
  }
}
