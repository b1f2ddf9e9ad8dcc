package dev.gatehouse.keys;

import dev.gatehouse.errors.FieldErrors;
import java.util.regex.Pattern;

/** The field rules of an end user: their external id and email address. */
final class UserFields {

    static final int MAX_EXTERNAL_ID_LENGTH = 255;
    static final int MAX_EMAIL_LENGTH = 254;
    private static final Pattern EMAIL = Pattern.compile(
        "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
            + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

    private UserFields() {
    }

    static void validateExternalId(String externalId, FieldErrors errors) {
        if (externalId == null || externalId.isEmpty()) {
            errors.add("external_id", "is required");
        } else if (externalId.isBlank()) {
            errors.add("external_id", "must not be blank");
        } else if (externalId.length() > MAX_EXTERNAL_ID_LENGTH) {
            errors.add("external_id", "is too long (maximum is " + MAX_EXTERNAL_ID_LENGTH + " characters)");
        } else if (!externalId.equals(externalId.strip())) {
            errors.add("external_id", "must not start or end with whitespace");
        } else if (externalId.codePoints().anyMatch(c -> Character.isISOControl(c)
            || Character.getType(c) == Character.UNASSIGNED || Character.getType(c) == Character.FORMAT)) {
            errors.add("external_id", "must contain printable characters only");
        }
    }

    static String validateEmail(String email, FieldErrors errors) {
        if (email == null || email.isBlank()) {
            errors.add("email", "is required");
            return null;
        }
        String address = email.strip();
        if (address.length() > MAX_EMAIL_LENGTH) {
            errors.add("email", "is too long (maximum is " + MAX_EMAIL_LENGTH + " characters)");
            return null;
        }
        int at = address.indexOf('@');
        if (!EMAIL.matcher(address).matches() || at > 64) {
            errors.add("email", "must be a valid email address");
            return null;
        }
        return address;
    }
}
