package dev.gatehouse.analytics;

import java.util.Locale;

/**
 * What stats can be broken down and filtered by: the page, the visit's source and UTM campaign
 * fields, its device class, and the custom event's name.
 */
public enum Dimension {
    PAGE, SOURCE, UTM_SOURCE, UTM_MEDIUM, UTM_CAMPAIGN, UTM_TERM, UTM_CONTENT, DEVICE, EVENT;

    /**
     * Whether the value belongs to the visit — its source, campaign fields and device, which every
     * hit of a visit carries from its first — rather than to each hit (the page, the event's name).
     */
    public boolean ofVisit() {
        return this != PAGE && this != EVENT;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The dimension with this wire name; {@link IllegalArgumentException} otherwise. */
    public static Dimension fromWireName(String name) {
        for (Dimension d : values()) {
            if (d.wireName().equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException(name);
    }
}
