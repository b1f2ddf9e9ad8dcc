package dev.gatehouse.analytics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Input that breaks a rule; {@link #errors()} names every bad field with its messages. */
public final class ValidationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Map<String, List<String>> errors;

  public ValidationException(Map<String, List<String>> errors) {
    super("invalid: " + errors.keySet());
    this.errors = Map.copyOf(new LinkedHashMap<>(errors));
  }

  public static ValidationException of(String field, String message) {
    return new ValidationException(Map.of(field, List.of(message)));
  }

  public Map<String, List<String>> errors() {
    return errors;
  }
}
