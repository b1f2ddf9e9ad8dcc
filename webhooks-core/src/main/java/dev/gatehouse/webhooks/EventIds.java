package dev.gatehouse.webhooks;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Event ids: generated as {@code evt_} plus 24 base62 characters; supplied ones checked. */
final class EventIds {

    static final String PREFIX = "evt_";
    static final int RANDOM_CHARS = 24;

    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final Pattern SUPPLIED = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private EventIds() {
    }

    static String generate(SecureRandom random) {
        char[] id = new char[PREFIX.length() + RANDOM_CHARS];
        PREFIX.getChars(0, PREFIX.length(), id, 0);
        for (int i = PREFIX.length(); i < id.length; i++) {
            id[i] = BASE62[random.nextInt(BASE62.length)];
        }
        return new String(id);
    }

    static boolean isValid(String id) {
        return id != null && SUPPLIED.matcher(id).matches();
    }
}
