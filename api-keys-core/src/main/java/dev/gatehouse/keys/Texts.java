package dev.gatehouse.keys;

import dev.gatehouse.errors.FieldErrors;

/** Checks shared by the facades' field validation. */
final class Texts {

    private Texts() {
    }

    /** Validates a required, trimmed, non-blank text of bounded length; returns it trimmed or null. */
    static String requiredName(String field, String value, int maxLength, FieldErrors errors) {
        if (value == null) {
            errors.add(field, "is required");
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            errors.add(field, "must not be blank");
            return null;
        }
        if (trimmed.length() > maxLength) {
            errors.add(field, "is too long (maximum is " + maxLength + " characters)");
            return null;
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            errors.add(field, "must not contain control characters");
            return null;
        }
        return trimmed;
    }
}
