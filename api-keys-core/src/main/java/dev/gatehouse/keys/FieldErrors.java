package dev.gatehouse.keys;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects field errors so that one {@link ValidationException} reports all of them at once. */
final class FieldErrors {

  private final Map<String, List<String>> errors = new LinkedHashMap<>();

  FieldErrors add(String field, String message) {
    errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
    return this;
  }

  boolean has(String field) {
    return errors.containsKey(field);
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  void throwIfAny() {
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }
}
