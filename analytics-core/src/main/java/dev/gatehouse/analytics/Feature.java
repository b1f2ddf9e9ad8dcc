package dev.gatehouse.analytics;

import java.util.Locale;

/** What a site records: pageviews, custom events, visits (sessions). */
public enum Feature {
    PAGEVIEWS, EVENTS, SESSIONS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The feature with this wire name; {@link IllegalArgumentException} otherwise. */
    public static Feature fromWireName(String name) {
        for (Feature f : values()) {
            if (f.wireName().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException(name);
    }
}
