package dev.gatehouse.seo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A report or setting was refused. {@link #errors()} maps each offending field, named as in the
 * request ({@code url}, {@code scores.seo}, {@code issues[2].severity}, {@code audits}), to the
 * rules it broke. Values are never echoed.
 */
public final class InvalidReportException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Map<String, List<String>> errors;

  /**
   * Creates an exception for one field.
   *
   * @param field   the field as the request names it
   * @param message the rule it broke
   */
  public InvalidReportException(String field, String message) {
    this(Map.of(Objects.requireNonNull(field, "field"), List.of(Objects.requireNonNull(message, "message"))));
  }

  /**
   * Creates an exception for several fields.
   *
   * @param errors field to broken rules; not empty
   */
  public InvalidReportException(Map<String, List<String>> errors) {
    super(describe(errors));
    Map<String, List<String>> copy = new LinkedHashMap<>();
    errors.forEach((field, messages) -> copy.put(field, List.copyOf(messages)));
    this.errors = Collections.unmodifiableMap(copy);
  }

  /**
   * Returns the broken rules by field, in the order found.
   *
   * @return an unmodifiable map
   */
  public Map<String, List<String>> errors() {
    return errors;
  }

  private static String describe(Map<String, List<String>> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("errors must not be empty");
    }
    return "Invalid report: " + errors.entrySet().stream()
        .map(e -> e.getKey() + " " + String.join(", ", e.getValue()))
        .collect(Collectors.joining("; "));
  }
}
