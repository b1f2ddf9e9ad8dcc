package dev.gatehouse.analytics;

import java.util.Locale;

/**
 * The kind of device a user agent names, the way browsers ask to be told apart: a tablet says
 * {@code iPad}, {@code Tablet} or is Android without {@code Mobile}; a phone says {@code Mobi}
 * (the token MDN recommends testing for); everything else is a desktop.
 */
public enum DeviceClass {
    DESKTOP, MOBILE, TABLET;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeviceClass of(String userAgent) {
        if (userAgent == null) {
            return DESKTOP;
        }
        if (userAgent.contains("iPad") || userAgent.contains("Tablet")
            || (userAgent.contains("Android") && !userAgent.contains("Mobile"))) {
            return TABLET;
        }
        return userAgent.contains("Mobi") ? MOBILE : DESKTOP;
    }

    public static DeviceClass fromWireName(String name) {
        for (DeviceClass d : values()) {
            if (d.wireName().equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException(name);
    }
}
