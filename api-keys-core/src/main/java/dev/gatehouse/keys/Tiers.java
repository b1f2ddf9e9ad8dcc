package dev.gatehouse.keys;

import java.util.List;

/** The plan tiers a workspace or a key's rate limit can be on. */
final class Tiers {

  static final List<String> ALL = List.of("free", "starter", "pro", "business", "agency", "enterprise");
  static final String DEFAULT = "free";

  private Tiers() {
  }

  static boolean isValid(String tier) {
    return ALL.contains(tier);
  }

  static String mustBeOneOf() {
    return "must be one of: " + String.join(", ", ALL);
  }
}
